namespace ResearchKit.Cli.Commands;

/// <summary>
/// Runs a command body and turns ResearchKit's typed errors into one clear line on stderr and exit
/// code 2, instead of a stack trace. Bugs (other exceptions) still surface with their trace.
/// </summary>
public static class CommandGuard
{
    /// <summary>Exit code for errors the user can fix (bad file, unknown model, failed download, ...).</summary>
    public const int UserError = 2;

    /// <summary>Exit code after Ctrl+C, as shells report SIGINT.</summary>
    public const int Cancelled = 130;

    /// <summary>Writes <c>error: MESSAGE</c> and, where the CLI has one, a <c>hint:</c> line naming the flags or commands that fix it.</summary>
    public static void Report(CliConsole console, Exception error)
    {
        console.Error.WriteLine($"error: {TerminalText.Clean(error.Message)}");
        if (ErrorHints.For(error) is { } hint) console.Error.WriteLine($"hint: {hint}");
    }

    public static int Run(CliConsole console, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (e is ResearchKitException or ArgumentException)
        {
            Report(console, e);
            return UserError;
        }
    }

    public static async Task<int> RunAsync(CliConsole console, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (Exception e) when (e is ResearchKitException or ArgumentException)
        {
            Report(console, e);
            return UserError;
        }
        catch (OperationCanceledException)
        {
            console.Error.WriteLine("error: cancelled; finished work (downloaded bytes, committed embeddings) is kept and resumes on the next run.");
            return Cancelled;
        }
    }
}
