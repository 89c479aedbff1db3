namespace ResearchKit.Cli.Commands;

/// <summary>
/// Runs a command's body and turns the errors ResearchKit raises on purpose into one
/// <c>error: ...</c> line on stderr and exit code 2, instead of a stack trace.
/// </summary>
public static class CommandGuard
{
    /// <summary>Exit code for errors the user can fix (bad name, failed download, ...).</summary>
    public const int ErrorExitCode = 2;

    public static async Task<int> RunAsync(CliConsole console, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (ResearchKitException e)
        {
            console.Error.WriteLine("error: " + e.Message);
            return ErrorExitCode;
        }
        catch (ArgumentException e)
        {
            console.Error.WriteLine("error: " + e.Message);
            return ErrorExitCode;
        }
        catch (OperationCanceledException)
        {
            console.Error.WriteLine("error: cancelled; partial downloads are kept and resume on the next pull.");
            return 130;
        }
    }
}
