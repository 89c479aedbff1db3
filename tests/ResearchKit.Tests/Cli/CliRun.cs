using ResearchKit.Cli;

namespace ResearchKit.Tests.Cli;

/// <summary>Runs the researchkit command tree in-process with captured stdout and stderr.</summary>
public static class CliRun
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Result Invoke(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = Program.BuildRoot(CliConsole.Plain(output, error)).Parse(args).Invoke();
        return new Result(code, output.ToString(), error.ToString());
    }
}
