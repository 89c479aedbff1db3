using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ResearchKit.Tests.Judging;

/// <summary>A Chrome DevTools Protocol connection to one page over a WebSocket: commands and their results; events are ignored.</summary>
public sealed class CdpConnection : IAsyncDisposable
{
    private readonly ClientWebSocket _socket;
    private readonly ConcurrentDictionary<int, TaskCompletionSource<JsonElement>> _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _reader;
    private readonly SemaphoreSlim _send = new(1, 1);
    private int _nextId;

    private CdpConnection(ClientWebSocket socket)
    {
        _socket = socket;
        _reader = Task.Run(ReadLoop);
    }

    public static async Task<CdpConnection> ConnectAsync(Uri address)
    {
        var socket = new ClientWebSocket();
        socket.Options.KeepAliveInterval = TimeSpan.Zero;
        await socket.ConnectAsync(address, CancellationToken.None);
        return new CdpConnection(socket);
    }

    /// <summary>Sends a command and returns its result; a protocol error or 30 s without an answer throws.</summary>
    public async Task<JsonElement> SendAsync(string method, object? parameters = null)
    {
        var id = Interlocked.Increment(ref _nextId);
        var reply = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = reply;
        var message = JsonSerializer.SerializeToUtf8Bytes(new { id, method, @params = parameters ?? new { } });
        await _send.WaitAsync();
        try { await _socket.SendAsync(message, WebSocketMessageType.Text, true, CancellationToken.None); }
        finally { _send.Release(); }
        return await reply.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Evaluates a JavaScript expression in the page (promises awaited) and returns its value.</summary>
    public async Task<JsonElement> EvaluateAsync(string expression)
    {
        var result = await SendAsync("Runtime.evaluate", new { expression, returnByValue = true, awaitPromise = true });
        if (result.TryGetProperty("exceptionDetails", out var error)) throw new InvalidOperationException($"page script failed: {error}");
        return result.GetProperty("result").TryGetProperty("value", out var value) ? value.Clone() : default;
    }

    /// <summary>Polls an expression until it is true; the message says what was awaited.</summary>
    public async Task WaitForAsync(string expression, string what, double seconds = 20)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            if (await EvaluateAsync($"!!({expression})") is { ValueKind: JsonValueKind.True }) return;
            await Task.Delay(20);
        }
        var state = await EvaluateAsync("JSON.stringify({ answered: window.judge && judge.answered, pending: window.judge && judge.pending, status: document.getElementById('status') && document.getElementById('status').textContent })");
        throw new TimeoutException($"waited {seconds} s for {what} ({expression}); page state {state}");
    }

    /// <summary>Presses and releases a key as a keyboard would: a letter, " " for Space, or ArrowLeft / ArrowRight.</summary>
    public async Task PressAsync(string key)
    {
        var (code, virtualKey, text) = key switch
        {
            "ArrowLeft" => ("ArrowLeft", 37, null),
            "ArrowRight" => ("ArrowRight", 39, null),
            " " => ("Space", 32, " "),
            [var c] when char.IsLetter(c) => ("Key" + char.ToUpperInvariant(c), (int)char.ToUpperInvariant(c), key),
            _ => throw new ArgumentException($"key '{key}' is not supported by the test driver."),
        };
        var down = new JsonObject
        {
            ["type"] = text is null ? "rawKeyDown" : "keyDown", ["key"] = key, ["code"] = code,
            ["windowsVirtualKeyCode"] = virtualKey, ["nativeVirtualKeyCode"] = virtualKey,
        };
        if (text is not null) down["text"] = text;
        await SendAsync("Input.dispatchKeyEvent", down);
        await SendAsync("Input.dispatchKeyEvent", new { type = "keyUp", key, code, windowsVirtualKeyCode = virtualKey, nativeVirtualKeyCode = virtualKey });
    }

    private async Task ReadLoop()
    {
        var buffer = new byte[1 << 16];
        using var message = new MemoryStream();
        try
        {
            while (!_stop.IsCancellationRequested && _socket.State == WebSocketState.Open)
            {
                var received = await _socket.ReceiveAsync(buffer, _stop.Token);
                if (received.MessageType == WebSocketMessageType.Close) break;
                message.Write(buffer, 0, received.Count);
                if (!received.EndOfMessage) continue;
                using (var document = JsonDocument.Parse(message.ToArray()))
                {
                    var root = document.RootElement;
                    if (root.TryGetProperty("id", out var id) && _pending.TryRemove(id.GetInt32(), out var reply))
                    {
                        if (root.TryGetProperty("error", out var error)) reply.TrySetException(new InvalidOperationException($"CDP error: {error}"));
                        else reply.TrySetResult(root.GetProperty("result").Clone());
                    }
                }
                message.SetLength(0);
            }
        }
        catch (OperationCanceledException) { }
        catch (WebSocketException) { }
        foreach (var reply in _pending.Values) reply.TrySetException(new InvalidOperationException("the DevTools connection closed."));
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        try { await _reader.WaitAsync(TimeSpan.FromSeconds(5)); } catch (TimeoutException) { }
        _socket.Dispose();
        _stop.Dispose();
        _send.Dispose();
    }
}
