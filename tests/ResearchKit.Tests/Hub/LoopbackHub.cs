using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;

namespace ResearchKit.Tests.Hub;

/// <summary>
/// A minimal stand-in for huggingface.co on 127.0.0.1: serves directories as repositories under
/// <c>/{repo}/resolve/{revision}/{path}</c> with the hub's headers (ETag, X-Repo-Commit, and for large
/// files a 302 to a "CDN" path with X-Linked-Etag/X-Linked-Size), honours <c>Range: bytes=N-</c>, records
/// every request, and can cut a transfer short, corrupt a file, or demand a token.
/// </summary>
public sealed class LoopbackHub : IDisposable
{
    /// <summary>The commit every repository reports.</summary>
    public const string Commit = "1234567890abcdef1234567890abcdef12345678";

    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, string> _repos = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, VirtualFile> _virtual = new(StringComparer.Ordinal);
    private readonly Task _loop;
    private int _cutsLeft;

    public LoopbackHub()
    {
        _listener.Start();
        Endpoint = $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
        _loop = Task.Run(AcceptLoop);
    }

    public string Endpoint { get; }

    /// <summary>Every request received, in order.</summary>
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Files (repository paths) whose served bytes have one byte flipped; headers still describe the true file.</summary>
    public ConcurrentDictionary<string, bool> Corrupt { get; } = new();

    /// <summary>False to behave like a plain static mirror that sends no X-Repo-Commit header.</summary>
    public bool SendRepoCommit { get; set; } = true;

    /// <summary>When set, resolve requests without <c>Authorization: Bearer {token}</c> get 401.</summary>
    public string? RequiredToken { get; set; }

    /// <summary>File whose GET bodies are cut short (connection closed) after <see cref="CutAfterBytes"/> bytes.</summary>
    public string? CutFile { get; private set; }
    public long CutAfterBytes { get; private set; }

    /// <summary>Serves every file under <paramref name="directory"/> as repository <paramref name="repo"/>.</summary>
    public LoopbackHub Serve(string repo, string directory)
    {
        _repos[repo] = directory;
        return this;
    }

    /// <summary>
    /// Serves a file that exists only as a size and a byte function (an LFS file with a non-hash ETag), so tests can
    /// pull files of many gigabytes without storing them. Bodies over 64 MiB are refused: a test must resume near the end.
    /// </summary>
    public LoopbackHub ServeVirtual(string repo, string path, long size, Func<long, int, byte[]> read, string etag)
    {
        _virtual[repo + "/" + path] = new VirtualFile(size, read, etag);
        return this;
    }

    /// <summary>The next <paramref name="times"/> GETs of <paramref name="path"/> send only <paramref name="bytes"/> body bytes, then close.</summary>
    public void CutTransfers(string path, long bytes, int times = 1)
    {
        CutFile = path;
        CutAfterBytes = bytes;
        Interlocked.Exchange(ref _cutsLeft, times);
    }

    /// <summary>Requests whose path goes through <c>/resolve/</c> or the CDN, i.e. file fetches.</summary>
    public IEnumerable<RecordedRequest> FileRequests => Requests.Where(r => r.Path.Contains("/resolve/") || r.Path.StartsWith("/cdn/"));

    /// <summary>True for files served the way the hub serves LFS files (redirect to a CDN): graphs, their external data
    /// (<c>*.onnx_data</c> and torch's extension-less per-tensor files), SentencePiece models.</summary>
    public static bool IsLfs(string path) =>
        path.EndsWith(".onnx", StringComparison.Ordinal) || path.EndsWith(".model", StringComparison.Ordinal)
        || path.EndsWith(".onnx_data", StringComparison.Ordinal) || !Path.GetFileName(path).Contains('.');

    private async Task AcceptLoop()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception) { return; }
            _ = Task.Run(async () =>
            {
                using (client)
                {
                    try { await Handle(client.GetStream()); }
                    catch (IOException) { }
                    catch (SocketException) { }
                    catch (ObjectDisposedException) { }
                }
            });
        }
    }

    private async Task Handle(NetworkStream stream)
    {
        var requestLine = await ReadLine(stream);
        if (string.IsNullOrEmpty(requestLine)) return;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var line = await ReadLine(stream); !string.IsNullOrEmpty(line); line = await ReadLine(stream))
        {
            var colon = line.IndexOf(':');
            if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        var parts = requestLine.Split(' ');
        var method = parts[0];
        var path = Uri.UnescapeDataString(parts[1]);
        Requests.Enqueue(new RecordedRequest(method, path, headers));

        if (path.StartsWith("/cdn/", StringComparison.Ordinal))
        {
            // /cdn/{org}/{name}/{file path}
            var rest = path["/cdn/".Length..].Split('/', 3);
            var cdnRepo = rest[0] + "/" + rest[1];
            if (_virtual.TryGetValue(cdnRepo + "/" + rest[2], out var cdnVirtual))
            {
                await ServeVirtualContent(stream, method, headers, cdnVirtual);
                return;
            }
            if (!_repos.TryGetValue(cdnRepo, out var cdnDir) || !File.Exists(Path.Combine(cdnDir, rest[2])))
            {
                await Respond(stream, 404, "Not Found", new(), null, method);
                return;
            }
            await ServeContent(stream, method, headers, rest[2], File.ReadAllBytes(Path.Combine(cdnDir, rest[2])), lfs: true);
            return;
        }

        var marker = path.IndexOf("/resolve/", StringComparison.Ordinal);
        if (marker < 0)
        {
            await Respond(stream, 404, "Not Found", new(), null, method);
            return;
        }
        var repo = path[1..marker];
        var afterResolve = path[(marker + "/resolve/".Length)..];
        var slash = afterResolve.IndexOf('/');
        var revision = afterResolve[..slash];
        var filePath = afterResolve[(slash + 1)..];

        if (RequiredToken is not null && (!headers.TryGetValue("Authorization", out var auth) || auth != "Bearer " + RequiredToken))
        {
            await Respond(stream, 401, "Unauthorized", new() { ["X-Error-Code"] = "GatedRepo" }, null, method);
            return;
        }
        if (_virtual.TryGetValue(repo + "/" + filePath, out var large))
        {
            await Respond(stream, 302, "Found", new()
            {
                ["Location"] = $"{Endpoint}/cdn/{repo}/{filePath}",
                ["X-Repo-Commit"] = Commit,
                ["X-Linked-Etag"] = $"\"{large.Etag}\"",
                ["X-Linked-Size"] = large.Size.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["ETag"] = "\"pointer-etag\"",
            }, null, method);
            return;
        }
        if (!_repos.TryGetValue(repo, out var dir))
        {
            await Respond(stream, 404, "Not Found", new() { ["X-Error-Code"] = "RepoNotFound" }, null, method);
            return;
        }
        if (revision != "main" && revision != Commit)
        {
            await Respond(stream, 404, "Not Found", new() { ["X-Error-Code"] = "RevisionNotFound" }, null, method);
            return;
        }
        var full = Path.Combine(dir, filePath);
        if (!File.Exists(full))
        {
            await Respond(stream, 404, "Not Found", new() { ["X-Error-Code"] = "EntryNotFound", ["X-Repo-Commit"] = Commit }, null, method);
            return;
        }
        var bytes = File.ReadAllBytes(full);
        if (IsLfs(filePath))
        {
            var sha = Convert.ToHexStringLower(SHA256.HashData(bytes));
            await Respond(stream, 302, "Found", new()
            {
                ["Location"] = $"{Endpoint}/cdn/{repo}/{filePath}",
                ["X-Repo-Commit"] = SendRepoCommit ? Commit : "",
                ["X-Linked-Etag"] = $"\"{sha}\"",
                ["X-Linked-Size"] = bytes.Length.ToString(),
                ["ETag"] = "\"pointer-etag\"",
            }, null, method);
            return;
        }
        await ServeContent(stream, method, headers, filePath, bytes, lfs: false);
    }

    private async Task ServeContent(NetworkStream stream, string method, Dictionary<string, string> headers, string filePath, byte[] bytes, bool lfs)
    {
        var etag = lfs ? Convert.ToHexStringLower(SHA256.HashData(bytes)) : Convert.ToHexStringLower(SHA1.HashData(bytes));
        var body = bytes;
        if (Corrupt.ContainsKey(filePath))
        {
            body = (byte[])bytes.Clone();
            body[body.Length / 2] ^= 0xFF;
        }
        var responseHeaders = new Dictionary<string, string>
        {
            ["ETag"] = $"\"{etag}\"",
            ["X-Repo-Commit"] = Commit,
            ["Accept-Ranges"] = "bytes",
        };
        long start = 0;
        var status = 200;
        if (headers.TryGetValue("Range", out var range) && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
        {
            start = long.Parse(range["bytes=".Length..^1]);
            if (start >= body.Length)
            {
                await Respond(stream, 416, "Range Not Satisfiable", new() { ["Content-Range"] = $"bytes */{body.Length}" }, null, method);
                return;
            }
            status = 206;
            responseHeaders["Content-Range"] = $"bytes {start}-{body.Length - 1}/{body.Length}";
        }
        var slice = body.AsMemory((int)start);
        long? cut = null;
        if (method == "GET" && filePath == CutFile && Interlocked.Decrement(ref _cutsLeft) >= 0) cut = CutAfterBytes;
        if (!SendRepoCommit) responseHeaders.Remove("X-Repo-Commit");
        await Respond(stream, status, status == 206 ? "Partial Content" : "OK", responseHeaders, slice, method, cut);
    }

    private static async Task ServeVirtualContent(NetworkStream stream, string method, Dictionary<string, string> headers, VirtualFile file)
    {
        long start = 0;
        var status = 200;
        var responseHeaders = new Dictionary<string, string> { ["ETag"] = $"\"{file.Etag}\"", ["X-Repo-Commit"] = Commit, ["Accept-Ranges"] = "bytes" };
        if (headers.TryGetValue("Range", out var range) && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
        {
            start = long.Parse(range["bytes=".Length..^1], System.Globalization.CultureInfo.InvariantCulture);
            status = 206;
            responseHeaders["Content-Range"] = $"bytes {start}-{file.Size - 1}/{file.Size}";
        }
        if (method != "HEAD" && file.Size - start > 64L << 20)
        {
            await Respond(stream, 500, "Too Large For A Test", new(), null, method);
            return;
        }
        var body = method == "HEAD" ? [] : file.Read(start, (int)(file.Size - start));
        await Respond(stream, status, status == 206 ? "Partial Content" : "OK", responseHeaders, body, method);
    }

    private static async Task Respond(NetworkStream stream, int status, string reason, Dictionary<string, string> headers,
        ReadOnlyMemory<byte>? body, string method, long? cutAfter = null)
    {
        var head = new StringBuilder($"HTTP/1.1 {status} {reason}\r\n");
        foreach (var (key, value) in headers) head.Append(key).Append(": ").Append(value).Append("\r\n");
        head.Append("Content-Length: ").Append(body?.Length ?? 0).Append("\r\n");
        head.Append("Connection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        if (method != "HEAD" && body is { } b)
        {
            var send = cutAfter is { } c ? b[..(int)Math.Min(c, b.Length)] : b;
            await stream.WriteAsync(send);
        }
        await stream.FlushAsync();
    }

    private static async Task<string> ReadLine(NetworkStream stream)
    {
        var bytes = new List<byte>();
        var one = new byte[1];
        while (await stream.ReadAsync(one) == 1)
        {
            if (one[0] == '\n') break;
            if (one[0] != '\r') bytes.Add(one[0]);
        }
        return Encoding.ASCII.GetString(bytes.ToArray());
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        try { _loop.Wait(TimeSpan.FromSeconds(5)); } catch (AggregateException) { }
        _stop.Dispose();
    }
}

/// <summary>A file the loopback hub generates on request: its size, its bytes for a range, and its ETag.</summary>
internal sealed record VirtualFile(long Size, Func<long, int, byte[]> Read, string Etag);

/// <summary>One request the loopback hub received.</summary>
public sealed record RecordedRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
