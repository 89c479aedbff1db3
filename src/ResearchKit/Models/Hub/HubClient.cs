using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace ResearchKit.Models.Hub;

/// <summary>
/// Downloads model files from a Hugging Face hub (or a mirror speaking the same <c>/resolve/</c> API)
/// into the shared hub cache. Files already cached are reused, broken transfers resume with HTTP
/// ranges, and every file is checked against the registry's size and SHA-256 before it appears.
/// </summary>
public sealed partial class HubClient : IDisposable
{
    private const int MaxRedirects = 10;
    private const int BufferSize = 1 << 16;
    private const long ProgressStep = 1 << 18;

    private readonly HttpClient _http;
    private readonly string? _token;
    private readonly HubClientOptions _options;
    private readonly Uri _endpointUri;

    /// <param name="options">Endpoint, token and cache; null for the defaults (environment variables).</param>
    public HubClient(HubClientOptions? options = null)
    {
        _options = options ?? new HubClientOptions();
        Endpoint = _options.ResolveEndpoint();
        if (!Uri.TryCreate(Endpoint + "/", UriKind.Absolute, out var endpointUri) || endpointUri.Scheme is not ("http" or "https"))
            throw new ModelDownloadException("(any)", "(any)", $"hub endpoint '{Endpoint}' is not an http(s) address; use e.g. https://huggingface.co or your mirror.");
        _endpointUri = endpointUri;
        _token = _options.ResolveToken();
        Cache = new HubCache(_options.CacheDirectory);
        _http = new HttpClient(new SocketsHttpHandler
        {
            // Redirects are followed by hand: the first hop carries the hub's X-Linked-Etag/X-Repo-Commit
            // headers, and the token must not travel to the CDN.
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(30),
        })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
        _http.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("researchkit",
            typeof(HubClient).Assembly.GetName().Version?.ToString(3) ?? "0"));
    }

    /// <summary>The hub base address requests go to.</summary>
    public string Endpoint { get; }

    /// <summary>The cache files are downloaded into.</summary>
    public HubCache Cache { get; }

    /// <summary>
    /// Downloads one file of a repository at a revision into the cache (or finds its blob already there),
    /// verifies it, and links it into the commit's snapshot.
    /// </summary>
    /// <param name="repo">Repository id, <c>org/name</c>.</param>
    /// <param name="revision">Branch, tag or commit.</param>
    /// <param name="file">The file, with the size and hash to check where known.</param>
    /// <param name="progress">Receives byte counts as the file arrives.</param>
    /// <param name="cancellationToken">Stops the transfer; the partial file is kept for resuming.</param>
    /// <exception cref="ModelDownloadException">HTTP error, broken transfer after every retry, or verification failure.</exception>
    public async Task<FileDownloadResult> DownloadFileAsync(string repo, string revision, RegistryFile file,
        IProgress<DownloadProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var attempts = Math.Max(1, _options.MaxAttempts);
        var delay = _options.RetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await DownloadAttemptAsync(repo, revision, file, progress, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (IsTransient(e, cancellationToken))
            {
                if (attempt >= attempts)
                    throw new ModelDownloadException(repo, file.Path,
                        $"the transfer failed {attempts} time(s); the last error was: {e.Message} Whatever arrived is kept, and the next pull resumes from there.", e)
                    { StatusCode = (e as TransientHttpException)?.StatusCode };
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay *= 2;
            }
        }
    }

    private async Task<FileDownloadResult> DownloadAttemptAsync(string repo, string revision, RegistryFile file,
        IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        var url = ResolveUrl(repo, revision, file.Path);
        var meta = await HeadAsync(repo, revision, file.Path, url, cancellationToken).ConfigureAwait(false);
        var commit = meta.Commit ?? revision;
        var expectedSize = file.Size ?? meta.Size;
        // Large (LFS) files' ETag is their SHA-256; use it to check files the registry has no hash for.
        var expectedSha = file.Sha256?.ToLowerInvariant() ?? (meta.IsLfs && IsSha256(meta.Etag) ? meta.Etag : null);

        var blobs = Cache.BlobsDirectory(repo);
        Directory.CreateDirectory(blobs);
        var blob = Path.Combine(blobs, BlobName(meta.Etag, file.Sha256, url));
        var snapshotFile = HubCache.SnapshotFilePath(Cache.SnapshotDirectory(repo, commit), file.Path);

        if (File.Exists(blob))
        {
            if (await MatchesAsync(blob, expectedSize, expectedSha, cancellationToken).ConfigureAwait(false))
            {
                HubCache.LinkIntoSnapshot(blob, snapshotFile);
                var length = new FileInfo(blob).Length;
                progress?.Report(new DownloadProgress(file.Path, length, length, FromCache: true));
                return new FileDownloadResult(snapshotFile, commit, Downloaded: false, BytesReceived: 0);
            }
            File.Delete(blob);
        }

        var incomplete = blob + ".incomplete";
        long offset = File.Exists(incomplete) ? new FileInfo(incomplete).Length : 0;
        if (expectedSize is not null && offset > expectedSize) { File.Delete(incomplete); offset = 0; }

        long received = 0;
        if (expectedSize is null || offset < expectedSize)
            received = await FetchAsync(repo, revision, file.Path, url, incomplete, offset, expectedSize, progress, cancellationToken).ConfigureAwait(false);

        await VerifyAsync(repo, file.Path, incomplete, expectedSize, expectedSha, cancellationToken).ConfigureAwait(false);
        File.Move(incomplete, blob, overwrite: true);
        HubCache.LinkIntoSnapshot(blob, snapshotFile);
        return new FileDownloadResult(snapshotFile, commit, Downloaded: true, BytesReceived: received);
    }

    /// <summary>GETs the file into <paramref name="incomplete"/>, appending from <paramref name="offset"/> when the server honours the range.</summary>
    private async Task<long> FetchAsync(string repo, string revision, string path, Uri url, string incomplete, long offset,
        long? expectedSize, IProgress<DownloadProgress>? progress, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Get, url, offset > 0 ? offset : null, followAll: true, cancellationToken).ConfigureAwait(false);
        var status = (int)response.Response.StatusCode;
        if (status == 416 && offset > 0)
        {
            // The range starts at or past the end: the partial file is stale or already whole. Start over.
            File.Delete(incomplete);
            throw new TransientHttpException(416, "the server rejected the resume range; the partial file was discarded.");
        }
        EnsureSuccess(response.Response, repo, revision, path, url);

        var append = false;
        if (response.Response.StatusCode == HttpStatusCode.PartialContent)
        {
            var range = response.Response.Content.Headers.ContentRange;
            append = offset > 0 && range?.From == offset;
            if (!append) throw new TransientHttpException(206, $"the server sent a range starting at {range?.From} instead of {offset}.");
        }
        if (!append) offset = 0;

        var total = expectedSize ?? (response.Response.Content.Headers.ContentLength is { } length ? length + offset : null);
        await using var body = await response.Response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var output = new FileStream(incomplete, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous);
        var buffer = new byte[BufferSize];
        long done = offset, received = 0, lastReport = -1;
        progress?.Report(new DownloadProgress(path, done, total));
        while (true)
        {
            var read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0) break;
            await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            done += read;
            received += read;
            if (done - lastReport >= ProgressStep)
            {
                lastReport = done;
                progress?.Report(new DownloadProgress(path, done, total));
            }
        }
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
        progress?.Report(new DownloadProgress(path, done, total ?? done));
        return received;
    }

    private static async Task VerifyAsync(string repo, string path, string incomplete, long? expectedSize, string? expectedSha, CancellationToken cancellationToken)
    {
        var actualSize = new FileInfo(incomplete).Length;
        if (expectedSize is not null && actualSize != expectedSize)
        {
            File.Delete(incomplete);
            throw new ModelDownloadException(repo, path, $"size mismatch: expected {expectedSize} bytes, got {actualSize}. The download was discarded; pull again.")
            { Expected = expectedSize.ToString(), Actual = actualSize.ToString() };
        }
        if (expectedSha is null) return;
        var actualSha = await HubCache.Sha256Async(incomplete, cancellationToken).ConfigureAwait(false);
        if (!string.Equals(actualSha, expectedSha, StringComparison.OrdinalIgnoreCase))
        {
            File.Delete(incomplete);
            throw new ModelDownloadException(repo, path, $"SHA-256 mismatch: expected {expectedSha}, got {actualSha}. The download was discarded; pull again, and if it repeats the file on the server differs from the registry.")
            { Expected = expectedSha, Actual = actualSha };
        }
    }

    /// <summary>True when <paramref name="path"/> (or its symlink target) exists and has the expected size and hash where known.</summary>
    internal static async Task<bool> MatchesAsync(string path, long? size, string? sha256, CancellationToken cancellationToken)
    {
        var file = HubCache.ResolveFile(path);
        if (file is null) return false;
        if (size is not null && file.Length != size) return false;
        if (sha256 is null) return true;
        var actual = await HubCache.Sha256Async(file.FullName, cancellationToken).ConfigureAwait(false);
        return string.Equals(actual, sha256, StringComparison.OrdinalIgnoreCase);
    }

    private async Task<FileMetadata> HeadAsync(string repo, string revision, string path, Uri url, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Head, url, null, followAll: false, cancellationToken).ConfigureAwait(false);
        var final = response.Response;
        if (!IsRedirect(final.StatusCode)) EnsureSuccess(final, repo, revision, path, url);
        var first = response.FirstHop;
        var linkedEtag = Header(first, "X-Linked-Etag") ?? Header(final, "X-Linked-Etag");
        var etag = NormalizeEtag(linkedEtag ?? Header(final, "ETag") ?? Header(first, "ETag"));
        var linkedSize = Header(first, "X-Linked-Size") ?? Header(final, "X-Linked-Size");
        long? size = long.TryParse(linkedSize, out var ls) ? ls
            : !IsRedirect(final.StatusCode) ? final.Content.Headers.ContentLength : null;
        var commit = Header(first, "X-Repo-Commit") ?? Header(final, "X-Repo-Commit");
        return new FileMetadata(etag, size, string.IsNullOrWhiteSpace(commit) ? null : commit.Trim(), linkedEtag is not null);
    }

    /// <summary>
    /// Sends a request, following redirects by hand. HEAD requests follow only redirects that stay on the
    /// hub (renamed repositories), as huggingface_hub does; the token is only sent to the hub itself.
    /// </summary>
    private async Task<HopResponse> SendAsync(HttpMethod method, Uri url, long? rangeFrom, bool followAll, CancellationToken cancellationToken)
    {
        var current = url;
        FirstHopHeaders? first = null;
        for (var hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(method, current);
            if (_token is not null && SameOrigin(current, _endpointUri))
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
            if (rangeFrom is not null) request.Headers.Range = new RangeHeaderValue(rangeFrom, null);
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException e)
            {
                throw new TransientHttpException(null, $"could not reach {current.GetLeftPart(UriPartial.Path)}: {e.Message}", e);
            }
            first ??= new FirstHopHeaders(response);
            var location = response.Headers.Location;
            if (!IsRedirect(response.StatusCode) || location is null)
                return new HopResponse(response, first);
            var next = location.IsAbsoluteUri ? location : new Uri(current, location);
            if ((!followAll && !SameOrigin(next, _endpointUri)) || hop >= MaxRedirects)
                return new HopResponse(response, first);
            response.Dispose();
            current = next;
        }
    }

    private void EnsureSuccess(HttpResponseMessage response, string repo, string revision, string path, Uri url)
    {
        var status = (int)response.StatusCode;
        if (status is >= 200 and < 300) return;
        if (status == 429 || status >= 500)
            throw new TransientHttpException(status, $"the server answered {status} {response.ReasonPhrase} for {url}.");
        var code = Header(response, "X-Error-Code");
        var detail = Header(response, "X-Error-Message");
        var message = status switch
        {
            401 => $"401 Unauthorized from {Endpoint}: the repository does not exist, or it is private or gated. "
                   + (_token is null ? "Set HF_TOKEN to a Hugging Face access token with read access" : "The token in HF_TOKEN was refused; check that it is valid and has read access")
                   + " (and accept the model's licence on its page if it is gated).",
            403 => $"403 Forbidden from {Endpoint}: the model is gated. Accept its licence on {Endpoint}/{repo} with the account whose token is in HF_TOKEN"
                   + (_token is null ? " (no HF_TOKEN is set)." : ", and check the token may read gated repositories."),
            404 => code switch
            {
                "RepoNotFound" => $"404: repository '{repo}' not found on {Endpoint}.",
                "RevisionNotFound" => $"404: revision '{revision}' not found in repository '{repo}'.",
                "EntryNotFound" => $"404: file '{path}' not found in '{repo}' at revision '{revision}'.",
                _ => $"404 Not Found: repository '{repo}', revision '{revision}' or file '{path}' does not exist ({url}).",
            },
            _ => $"the server answered {status} {response.ReasonPhrase} for {url}.",
        };
        if (!string.IsNullOrWhiteSpace(detail)) message += $" Server says: {detail}";
        throw new ModelDownloadException(repo, path, message) { StatusCode = status };
    }

    /// <summary><c>{endpoint}/{repo}/resolve/{revision}/{path}</c> with each segment escaped.</summary>
    public Uri ResolveUrl(string repo, string revision, string path)
    {
        var builder = new StringBuilder(Endpoint);
        foreach (var part in repo.Split('/')) builder.Append('/').Append(Uri.EscapeDataString(part));
        builder.Append("/resolve/").Append(Uri.EscapeDataString(revision));
        foreach (var part in path.Split('/')) builder.Append('/').Append(Uri.EscapeDataString(part));
        return new Uri(builder.ToString());
    }

    private static bool IsTransient(Exception e, CancellationToken cancellationToken) => e switch
    {
        OperationCanceledException when cancellationToken.IsCancellationRequested => false,
        TransientHttpException => true,
        HttpRequestException => true,
        IOException => true,
        OperationCanceledException => true, // a timeout inside HttpClient, not the caller's cancellation
        _ => false,
    };

    private static bool IsRedirect(HttpStatusCode status) => (int)status is 301 or 302 or 303 or 307 or 308;

    private static bool SameOrigin(Uri a, Uri b) =>
        string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
        && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase) && a.Port == b.Port;

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? values.FirstOrDefault() : null;

    private static string? Header(FirstHopHeaders headers, string name) => headers.Get(name);

    private static string? NormalizeEtag(string? etag)
    {
        if (string.IsNullOrWhiteSpace(etag)) return null;
        etag = etag.Trim();
        if (etag.StartsWith("W/", StringComparison.Ordinal)) etag = etag[2..];
        return etag.Trim('"');
    }

    private static bool IsSha256(string? value) => value is { Length: 64 } && value.All(Uri.IsHexDigit);

    /// <summary>The blob's file name: the ETag when it is a safe file name, else the expected hash, else a hash of the URL.</summary>
    private static string BlobName(string? etag, string? sha256, Uri url)
    {
        if (etag is { Length: > 0 and <= 128 } && etag.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')) return etag;
        if (sha256 is not null) return sha256.ToLowerInvariant();
        var source = etag ?? url.AbsoluteUri;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)));
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private sealed record FileMetadata(string? Etag, long? Size, string? Commit, bool IsLfs);

    /// <summary>The headers of the first response in a redirect chain (the hub's own answer).</summary>
    private sealed class FirstHopHeaders(HttpResponseMessage response)
    {
        private readonly Dictionary<string, string> _headers = response.Headers
            .Concat(response.Content.Headers)
            .GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Value.FirstOrDefault() ?? "", StringComparer.OrdinalIgnoreCase);

        public string? Get(string name) => _headers.TryGetValue(name, out var value) ? value : null;
    }

    private sealed class HopResponse(HttpResponseMessage response, FirstHopHeaders firstHop) : IDisposable
    {
        public HttpResponseMessage Response { get; } = response;
        public FirstHopHeaders FirstHop { get; } = firstHop;
        public void Dispose() => Response.Dispose();
    }

    /// <summary>A failure worth retrying: network errors, 5xx, 429, unusable ranges.</summary>
    private sealed class TransientHttpException(int? statusCode, string message, Exception? inner = null) : Exception(message, inner)
    {
        public int? StatusCode { get; } = statusCode;
    }
}
