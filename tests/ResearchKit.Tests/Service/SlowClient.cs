using System.Net.Sockets;
using System.Text;

namespace ResearchKit.Tests.Service;

/// <summary>
/// A hostile HTTP/1.1 client on a raw socket that sends its request one byte a second (its headers, or only its
/// body), and notes when the server answers or closes the connection on it.
/// </summary>
public sealed class SlowClient : IDisposable
{
    private readonly TcpClient _tcp;
    private readonly NetworkStream _stream;
    private readonly byte[] _pending;
    private int _finished;

    private SlowClient(TcpClient tcp, byte[] pending)
    {
        _tcp = tcp;
        _stream = tcp.GetStream();
        _pending = pending;
        _ = WatchAsync();
    }

    /// <summary>True once the server answered or closed the connection.</summary>
    public bool Finished => Volatile.Read(ref _finished) == 1;

    /// <summary>What the server sent back, if anything.</summary>
    public string Answer { get; private set; } = "";

    /// <summary>Connects and sends the headers of a JSON POST at once; the body of <paramref name="bodyLength"/> bytes follows slowly.</summary>
    public static Task<SlowClient> SlowBodyAsync(Uri address, string path, int bodyLength) =>
        OpenAsync(address, $"POST {path} HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/json\r\nContent-Length: {bodyLength}\r\n\r\n",
            new string(' ', bodyLength));

    /// <summary>Connects and sends nothing yet: the whole request, headers included, follows slowly.</summary>
    public static Task<SlowClient> SlowHeadersAsync(Uri address, string path) =>
        OpenAsync(address, "", $"GET {path} HTTP/1.1\r\nHost: {address.Authority}\r\nX-Padding: {new string('a', 200)}\r\n\r\n");

    private static async Task<SlowClient> OpenAsync(Uri address, string now, string slowly)
    {
        var tcp = new TcpClient();
        await tcp.ConnectAsync(address.Host, address.Port);
        if (now.Length > 0) await tcp.GetStream().WriteAsync(Encoding.ASCII.GetBytes(now));
        return new SlowClient(tcp, Encoding.ASCII.GetBytes(slowly));
    }

    /// <summary>Sends the rest one byte a second until it is sent, the server gives up on it, or <paramref name="cancellationToken"/> fires.</summary>
    public async Task DribbleAsync(CancellationToken cancellationToken)
    {
        try
        {
            foreach (var b in _pending)
            {
                if (Finished) return;
                await _stream.WriteAsync(new[] { b }, cancellationToken);
                await Task.Delay(1000, cancellationToken);
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException) { }
    }

    private async Task WatchAsync()
    {
        var buffer = new byte[4096];
        try
        {
            var read = await _stream.ReadAsync(buffer);
            Answer = Encoding.ASCII.GetString(buffer, 0, read);
        }
        catch (Exception e) when (e is IOException or SocketException or ObjectDisposedException) { }
        Volatile.Write(ref _finished, 1);
    }

    public void Dispose()
    {
        _stream.Dispose();
        _tcp.Dispose();
    }
}
