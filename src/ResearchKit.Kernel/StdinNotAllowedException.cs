namespace ResearchKit.Kernel;

/// <summary>A cell asked for input but its front end does not accept input requests (allow_stdin = false, e.g. nbconvert).</summary>
public sealed class StdinNotAllowedException : InvalidOperationException
{
    public StdinNotAllowedException(int executionCount)
        : base($"Cell [{executionCount}] reads input, but this front end does not answer input requests (allow_stdin is false); pass the value as a notebook parameter instead.") { }
}
