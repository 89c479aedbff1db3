using System.Text.Json;
using System.Text.Json.Serialization;

namespace ResearchKit.Kernel;

/// <summary>The connection file a Jupyter client writes for a kernel: transport, address, the five ports and the signing key.</summary>
public sealed record ConnectionInfo
{
    [JsonPropertyName("transport")] public string Transport { get; init; } = "tcp";
    [JsonPropertyName("ip")] public string Ip { get; init; } = "127.0.0.1";
    [JsonPropertyName("shell_port")] public int ShellPort { get; init; }
    [JsonPropertyName("iopub_port")] public int IopubPort { get; init; }
    [JsonPropertyName("stdin_port")] public int StdinPort { get; init; }
    [JsonPropertyName("control_port")] public int ControlPort { get; init; }
    [JsonPropertyName("hb_port")] public int HeartbeatPort { get; init; }
    [JsonPropertyName("key")] public string Key { get; init; } = "";
    [JsonPropertyName("signature_scheme")] public string SignatureScheme { get; init; } = "hmac-sha256";
    [JsonPropertyName("kernel_name")] public string? KernelName { get; init; }

    /// <summary>The ZeroMQ endpoint for one port, e.g. <c>tcp://127.0.0.1:5555</c>.</summary>
    public string Endpoint(int port) => $"{Transport}://{Ip}:{port}";

    /// <summary>Reads and checks a connection file; a missing, corrupt or unsupported one throws <see cref="KernelProtocolException"/>.</summary>
    public static ConnectionInfo Load(string path)
    {
        if (!File.Exists(path))
            throw new KernelProtocolException($"Connection file '{path}' does not exist; start the kernel from a Jupyter client, which writes it.");
        ConnectionInfo? info;
        try
        {
            info = JsonSerializer.Deserialize<ConnectionInfo>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new KernelProtocolException($"Connection file '{path}' is not valid JSON ({e.Message}); delete it and let the client write a new one.", e);
        }
        if (info is null) throw new KernelProtocolException($"Connection file '{path}' is empty.");
        info.Validate(path);
        return info;
    }

    /// <summary>Throws when the transport, scheme or ports cannot work.</summary>
    public void Validate(string source)
    {
        if (Transport != "tcp")
            throw new KernelProtocolException($"Connection file '{source}' asks for transport '{Transport}'; this kernel supports only 'tcp'.");
        if (SignatureScheme != "hmac-sha256" && !(SignatureScheme.Length == 0 && Key.Length == 0))
            throw new KernelProtocolException($"Connection file '{source}' asks for signature scheme '{SignatureScheme}'; this kernel supports only 'hmac-sha256'.");
        foreach (var (name, port) in new[] { ("shell_port", ShellPort), ("iopub_port", IopubPort), ("stdin_port", StdinPort), ("control_port", ControlPort), ("hb_port", HeartbeatPort) })
            if (port is <= 0 or > 65535)
                throw new KernelProtocolException($"Connection file '{source}' has {name} = {port}; every port must be between 1 and 65535.");
    }
}
