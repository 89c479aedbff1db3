using ResearchKit.Kernel;

namespace ResearchKit.Kernel.Tests.Protocol;

/// <summary>A transport that keeps what the core sends, in order, with the channel.</summary>
public sealed class RecordingTransport : IKernelTransport
{
    private readonly List<(KernelChannel Channel, JupyterMessage Message)> _sent = [];

    public event Action<KernelChannel, JupyterMessage>? Sent;

    public IReadOnlyList<(KernelChannel Channel, JupyterMessage Message)> Messages
    {
        get { lock (_sent) return _sent.ToList(); }
    }

    public void Send(KernelChannel channel, JupyterMessage message)
    {
        lock (_sent) _sent.Add((channel, message));
        Sent?.Invoke(channel, message);
    }

    /// <summary>"channel:msg_type" for each message, e.g. "IoPub:status".</summary>
    public IReadOnlyList<string> Trace() => Messages.Select(m => $"{m.Channel}:{m.Message.MessageType}").ToList();
}
