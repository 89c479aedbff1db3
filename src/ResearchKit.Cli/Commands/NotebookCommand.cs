using System.CommandLine;
using ResearchKit.Cli.Jupyter;
using ResearchKit.Kernel.Scripting;
using ResearchKit.Kernel.Scripting.Notebooks;

namespace ResearchKit.Cli.Commands;

/// <summary>
/// <c>researchkit notebook run</c>: the headless scripting host, with papermill's parameter conventions. Cells run in a
/// kernel process, so a cell that ends its process fails alone and the notebook is saved up to it.
/// </summary>
public static class NotebookCommand
{
    /// <summary>Exit code when a cell failed.</summary>
    public const int CellFailed = 1;

    public static Command Create(CliConsole console)
    {
        var command = new Command("notebook", "Run C# notebooks (.ipynb, .dib) and scripts (.csx) without a front end.");
        command.Subcommands.Add(Run(console));
        return command;
    }

    private static Command Run(CliConsole console)
    {
        var input = new Argument<string>("input") { Description = "The .ipynb, .dib or .csx file." };
        var parameters = new Option<string[]>("--parameter", "-p") { Description = "NAME=VALUE, injected after the cell tagged 'parameters' (repeatable).", AllowMultipleArgumentsPerToken = false };
        var output = new Option<string?>("--output", "-o") { Description = "Executed notebook path (default: INPUT.out.ipynb; scripts print to the console)." };
        var timeout = new Option<double?>("--timeout") { Description = "Seconds a cell may run before it is interrupted and fails." };
        var allowErrors = new Option<bool>("--allow-errors") { Description = "Run every cell even after one fails; exit 0." };
        var run = new Command("run", "Execute every code cell in order and save the outputs; a failing cell makes the exit code non-zero.");
        run.Arguments.Add(input);
        foreach (var option in new Option[] { parameters, output, timeout, allowErrors }) run.Options.Add(option);
        run.SetAction((parse, ct) => CommandGuard.RunAsync(console, async () =>
        {
            try
            {
                var options = new NotebookRunOptions
                {
                    InputPath = parse.GetValue(input)!,
                    OutputPath = parse.GetValue(output),
                    Parameters = NotebookParameters.Parse(parse.GetValue(parameters) ?? []),
                    CellTimeout = parse.GetValue(timeout) is { } s ? TimeSpan.FromSeconds(s) : null,
                    AllowErrors = parse.GetValue(allowErrors),
                };
                var runner = new NotebookRunner(console.Error, KernelProcessSession.StartAsync);
                var result = await runner.RunAsync(options, ct);
                if (result.OutputPath is not null) console.Out.WriteLine(result.OutputPath);
                if (result.Cancelled)
                {
                    console.Error.WriteLine($"error: {options.InputPath}: interrupted after {result.CellsRun} cells; the notebook was saved with their outputs.");
                    return CommandGuard.Cancelled;
                }
                if (result.Error is { } error && !options.AllowErrors)
                {
                    console.Error.WriteLine($"error: {options.InputPath}: cell {result.FailedCell} failed: {error.Name}: {error.Message}");
                    foreach (var line in error.Traceback) console.Error.WriteLine(AnsiTraceback.Strip(line));
                    return CellFailed;
                }
                console.Error.WriteLine($"ran {result.CellsRun} cells{(result.Error is null ? "" : " (with errors, allowed)")}");
                return 0;
            }
            catch (NotebookFormatException e)
            {
                console.Error.WriteLine($"error: {e.Message}");
                return CommandGuard.UserError;
            }
        }));
        return run;
    }
}
