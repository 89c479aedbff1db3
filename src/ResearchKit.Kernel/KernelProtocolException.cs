namespace ResearchKit.Kernel;

/// <summary>A connection file, wire message or request the kernel cannot use; the message says which and what to do.</summary>
public sealed class KernelProtocolException : Exception
{
    public KernelProtocolException(string message) : base(message) { }

    public KernelProtocolException(string message, Exception inner) : base(message, inner) { }
}
