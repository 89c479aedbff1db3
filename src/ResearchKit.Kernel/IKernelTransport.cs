namespace ResearchKit.Kernel;

/// <summary>
/// What the kernel core needs from a transport (xeus' server): send a message on a channel. The core never sees
/// sockets; the ZeroMQ server and the test double both implement this.
/// </summary>
public interface IKernelTransport
{
    /// <summary>Queues a message on a channel; shell, control and stdin messages go to <see cref="JupyterMessage.Identities"/>.</summary>
    void Send(KernelChannel channel, JupyterMessage message);
}
