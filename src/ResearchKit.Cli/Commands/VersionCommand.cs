using System.CommandLine;
using System.Reflection;

namespace ResearchKit.Cli.Commands;

/// <summary><c>researchkit version</c>: the tool's version, for bug reports and config provenance.</summary>
public static class VersionCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("version", "Print the ResearchKit version.");
        command.SetAction(_ =>
        {
            console.Out.WriteLine(typeof(ResearchKitException).Assembly.GetName().Version?.ToString(3) ?? "unknown");
            return 0;
        });
        return command;
    }
}
