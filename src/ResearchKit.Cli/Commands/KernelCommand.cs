using System.CommandLine;
using ResearchKit.Cli.Jupyter;
using ResearchKit.Kernel;

namespace ResearchKit.Cli.Commands;

/// <summary><c>researchkit kernel install|start</c>: the C# Jupyter kernel.</summary>
public static class KernelCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("kernel", "The C# Jupyter kernel: install its kernelspec, or start it for a connection file.");
        command.Subcommands.Add(Install(console));
        command.Subcommands.Add(Start(console));
        // `researchkit kernel -f FILE` is the same as `researchkit kernel start -f FILE`.
        var file = ConnectionFileOption();
        file.Required = false;
        command.Options.Add(file);
        command.SetAction(async (parse, _) =>
        {
            if (parse.GetValue(file) is { } path) return await Serve(console, path);
            console.Error.WriteLine("usage: researchkit kernel install [--user | --prefix P] | researchkit kernel start --connection-file FILE");
            return CommandGuard.UserError;
        });
        return command;
    }

    private static Command Install(CliConsole console)
    {
        var user = new Option<bool>("--user") { Description = "Install for the current user (the default)." };
        var prefix = new Option<string?>("--prefix") { Description = "Install under PREFIX/share/jupyter (e.g. a virtual environment)." };
        var polyglot = new Option<bool>("--polyglot")
        {
            Description = "Also install as '.net-csharp', the name Polyglot (.NET Interactive) notebooks carry, so they open with this kernel and papermill's C# translator applies.",
        };
        var replace = new Option<bool>("--replace") { Description = "With --polyglot: replace a '.net-csharp' kernelspec that .NET Interactive installed." };
        var install = new Command("install", "Write the 'researchkit-csharp' kernelspec so Jupyter, VS Code and nbconvert can start this kernel.");
        install.Options.Add(user);
        install.Options.Add(prefix);
        install.Options.Add(polyglot);
        install.Options.Add(replace);
        install.SetAction(parse => CommandGuard.Run(console, () =>
        {
            if (parse.GetValue(user) && parse.GetValue(prefix) is not null) throw new ArgumentException("Use either --user or --prefix, not both.");
            var dataDirectory = parse.GetValue(prefix) is { } p ? Path.Combine(Path.GetFullPath(p), "share", "jupyter") : KernelSpecInstaller.UserDataDirectory();
            var folder = KernelSpecInstaller.Install(dataDirectory, KernelSpecInstaller.CurrentLauncher());
            console.Out.WriteLine(folder);
            console.Error.WriteLine($"installed kernelspec '{KernelSpecInstaller.KernelName}' (C# (ResearchKit)) in {folder}");
            if (!parse.GetValue(polyglot)) return 0;
            var polyglotFolder = KernelSpecInstaller.Install(dataDirectory, KernelSpecInstaller.CurrentLauncher(), polyglot: true, replace: parse.GetValue(replace));
            console.Out.WriteLine(polyglotFolder);
            console.Error.WriteLine($"installed kernelspec '{KernelSpecInstaller.PolyglotKernelName}' in {polyglotFolder}: Polyglot notebooks now open with this kernel");
            return 0;
        }));
        return install;
    }

    private static Option<string> ConnectionFileOption() =>
        new("--connection-file", "-f") { Description = "The connection file the Jupyter client wrote.", Required = true };

    private static Command Start(CliConsole console)
    {
        var file = ConnectionFileOption();
        var start = new Command("start", "Serve the Jupyter protocol on the ports of a connection file until shutdown.");
        start.Options.Add(file);
        start.SetAction((parse, _) => Serve(console, parse.GetValue(file)!));
        return start;
    }

    private static async Task<int> Serve(CliConsole console, string connectionFile)
    {
        int code;
        try
        {
            code = await KernelHost.RunAsync(connectionFile, console.Error);
        }
        catch (KernelProtocolException e)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return CommandGuard.UserError;
        }
        console.Error.Flush();
        // A cell stuck in a call that ignores interrupts must not keep the process alive after shutdown.
        Environment.Exit(code);
        return code;
    }
}
