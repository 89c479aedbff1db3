namespace ResearchKit.Kernel;

/// <summary>The Jupyter channels a message travels on (heartbeat is handled by the transport alone).</summary>
public enum KernelChannel
{
    Shell,
    Control,
    Stdin,
    IoPub,
}
