using System.CommandLine;
using ResearchKit.Cli.Commands;

namespace ResearchKit.Cli;

/// <summary>Entry point of the <c>researchkit</c> tool: a thin set of commands over the library.</summary>
public static class Program
{
    public static int Main(string[] args) => BuildRoot(CliConsole.Create()).Parse(args).Invoke();

    /// <summary>The command tree; the console is injected so tests can capture output.</summary>
    public static RootCommand BuildRoot(CliConsole console)
    {
        var root = new RootCommand("ResearchKit: image-embedding search research tools.");
        foreach (var command in CommandCatalog.Create(console)) root.Subcommands.Add(command);
        return root;
    }
}
