namespace ResearchKit.Cli.Commands;

/// <summary>
/// Runs a command body and turns ResearchKit's typed errors into one clear line on stderr and exit
/// code 2, instead of a stack trace. Bugs (other exceptions) still surface with their trace.
/// </summary>
public static class CommandGuard
{
    public const int UserError = 2;

    public static int Run(CliConsole console, Func<int> body)
    {
        try
        {
            return body();
        }
        catch (ResearchKitException e)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return UserError;
        }
    }

    public static async Task<int> RunAsync(CliConsole console, Func<Task<int>> body)
    {
        try
        {
            return await body().ConfigureAwait(false);
        }
        catch (ResearchKitException e)
        {
            console.Error.WriteLine($"error: {e.Message}");
            return UserError;
        }
        catch (OperationCanceledException)
        {
            console.Error.WriteLine("cancelled");
            return 130;
        }
    }
}
