using Spectre.Console;

namespace ResearchKit.Cli;

/// <summary>
/// Where commands write: machine-readable results to <see cref="Out"/>, human messages and progress to
/// <see cref="Ansi"/> (stderr). Injected so tests can capture both.
/// </summary>
public sealed class CliConsole
{
    public CliConsole(TextWriter output, TextWriter error, IAnsiConsole ansi)
    {
        Out = output;
        Error = error;
        Ansi = ansi;
    }

    public TextWriter Out { get; }
    public TextWriter Error { get; }
    public IAnsiConsole Ansi { get; }

    /// <summary>True when progress bars may redraw in place; redirected stderr gets plain lines instead.</summary>
    public bool Interactive => Ansi.Profile.Capabilities.Interactive && !Console.IsErrorRedirected;

    /// <summary>The process console: results on stdout, progress and messages on stderr.</summary>
    public static CliConsole Create()
    {
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return new CliConsole(Console.Out, Console.Error, ansi);
    }

    /// <summary>A console writing into the given writers, with no colour or redraws (tests, redirected output).</summary>
    public static CliConsole Plain(TextWriter output, TextWriter error)
    {
        var ansi = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(error),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        ansi.Profile.Capabilities.Interactive = false;
        return new CliConsole(output, error, ansi);
    }
}
