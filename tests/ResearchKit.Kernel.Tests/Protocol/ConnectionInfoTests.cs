using ResearchKit.Kernel;

namespace ResearchKit.Kernel.Tests.Protocol;

public sealed class ConnectionInfoTests
{
    [Fact]
    public void Reads_a_jupyter_client_connection_file()
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, """{"shell_port": 5001, "iopub_port": 5002, "stdin_port": 5003, "control_port": 5004, "hb_port": 5005, "ip": "127.0.0.1", "key": "k", "transport": "tcp", "signature_scheme": "hmac-sha256", "kernel_name": "researchkit-csharp"}""");
        var info = ConnectionInfo.Load(path);
        Assert.Equal("tcp://127.0.0.1:5002", info.Endpoint(info.IopubPort));
        Assert.Equal("k", info.Key);
        File.Delete(path);
    }

    [Theory]
    [InlineData("{ not json")]
    [InlineData("""{"shell_port": 0, "iopub_port": 1, "stdin_port": 2, "control_port": 3, "hb_port": 4}""")]
    [InlineData("""{"transport": "ipc", "shell_port": 5, "iopub_port": 1, "stdin_port": 2, "control_port": 3, "hb_port": 4}""")]
    [InlineData("""{"signature_scheme": "hmac-md5", "key": "k", "shell_port": 5, "iopub_port": 1, "stdin_port": 2, "control_port": 3, "hb_port": 4}""")]
    public void A_corrupt_or_unsupported_file_names_itself(string json)
    {
        var path = Path.GetTempFileName();
        File.WriteAllText(path, json);
        var e = Assert.Throws<KernelProtocolException>(() => ConnectionInfo.Load(path));
        Assert.Contains(path, e.Message);
        File.Delete(path);
    }
}
