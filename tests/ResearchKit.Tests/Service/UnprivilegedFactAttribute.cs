namespace ResearchKit.Tests.Service;

/// <summary>
/// A test that needs the server to run without privileges (permission errors are masked for root): it runs the server
/// as nobody when the tests run as root, and reports as skipped, with the reason, where that is impossible.
/// </summary>
public sealed class UnprivilegedFactAttribute : FactAttribute
{
    public UnprivilegedFactAttribute()
    {
        if (ServeProcess.UnprivilegedUnavailable is { } reason) Skip = reason;
    }
}
