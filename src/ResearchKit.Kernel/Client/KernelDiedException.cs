namespace ResearchKit.Kernel.Client;

/// <summary>The kernel process ended while a client waited for it; the message says how (exit code, signal, what it printed).</summary>
public sealed class KernelDiedException : Exception
{
    public KernelDiedException(string message, IReadOnlyList<string> standardErrorTail) : base(message) =>
        StandardErrorTail = standardErrorTail;

    /// <summary>The last lines the kernel wrote to stderr (the runtime's crash report, if any).</summary>
    public IReadOnlyList<string> StandardErrorTail { get; }
}
