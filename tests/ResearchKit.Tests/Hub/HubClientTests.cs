using System.Security.Cryptography;
using ResearchKit.Models;
using ResearchKit.Models.Hub;

namespace ResearchKit.Tests.Hub;

/// <summary>End-to-end downloads from a loopback hub into a temporary HF cache.</summary>
public sealed class HubClientTests : IDisposable
{
    private readonly HubTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    [Theory]
    [InlineData("siglip-tiny", ModelLayout.HuggingFace, ModelFamily.Siglip)]
    [InlineData("dinov2-tiny", ModelLayout.HuggingFace, ModelFamily.Dinov2)]
    [InlineData("eva02-clip-tiny", ModelLayout.OpenClip, ModelFamily.Eva02Clip)]
    public async Task Pull_downloads_every_file_into_the_hf_cache_layout(string name, ModelLayout layout, ModelFamily family)
    {
        var result = await _ctx.PullAsync(name);
        var repoDir = Path.Combine(_ctx.CacheDir, "models--researchkit--" + name);

        Assert.Equal(LoopbackHub.Commit, result.Commit);
        Assert.Equal(Path.Combine(repoDir, "snapshots", LoopbackHub.Commit), result.SnapshotDirectory);
        Assert.Equal(LoopbackHub.Commit, File.ReadAllText(Path.Combine(repoDir, "refs", "main")));
        var entry = _ctx.Registry.Find(name);
        Assert.Equal(entry.Files.Count, result.FilesDownloaded);
        Assert.Equal(entry.TotalSize, result.BytesDownloaded);
        foreach (var file in entry.Files)
        {
            var snapshotFile = Path.Combine(result.SnapshotDirectory, file.Path);
            var link = new FileInfo(snapshotFile).LinkTarget;
            Assert.NotNull(link);
            Assert.StartsWith(Path.Combine("..", "..", "blobs"), link);
            Assert.Equal(file.Sha256, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(snapshotFile))));
        }
        // LFS-style files are named by their SHA-256 (X-Linked-Etag), others by the plain ETag.
        var blobs = Directory.GetFiles(Path.Combine(repoDir, "blobs")).Select(Path.GetFileName).ToArray();
        Assert.Equal(entry.Files.Count, blobs.Length);
        foreach (var file in entry.Files.Where(f => LoopbackHub.IsLfs(f.Path))) Assert.Contains(file.Sha256, blobs);
        Assert.DoesNotContain(blobs, b => b!.EndsWith(".incomplete"));

        var model = ModelDirectory.Open(result.SnapshotDirectory);
        Assert.Equal((layout, family), (model.Layout, model.Family));
        Assert.NotNull(model.ImageModelPath);
        Assert.True(File.Exists(model.ImageModelPath));
    }

    [Fact]
    public async Task Second_pull_makes_no_requests_and_downloads_nothing()
    {
        await _ctx.PullAsync("siglip-tiny");
        var before = _ctx.Hub.Requests.Count;
        Assert.True(before > 0);

        var again = await _ctx.PullAsync("siglip-tiny");
        Assert.Equal(before, _ctx.Hub.Requests.Count);
        Assert.Equal((0, 6, 0L), (again.FilesDownloaded, again.FilesReused, again.BytesDownloaded));
    }

    [Fact]
    public async Task A_link_deleted_from_the_snapshot_is_relinked_from_its_blob_without_a_get()
    {
        var first = await _ctx.PullAsync("dinov2-tiny");
        File.Delete(Path.Combine(first.SnapshotDirectory, "config.json"));
        var before = _ctx.Hub.Requests.Count;

        var again = await _ctx.PullAsync("dinov2-tiny");
        Assert.Equal((0, 3), (again.FilesDownloaded, again.FilesReused));
        var newRequests = _ctx.Hub.Requests.Skip(before).ToArray();
        var head = Assert.Single(newRequests);
        Assert.Equal("HEAD", head.Method);
        // Files after the first are fetched at the pinned commit, not at "main".
        Assert.Equal($"/researchkit/dinov2-tiny/resolve/{LoopbackHub.Commit}/config.json", head.Path);
        Assert.True(File.Exists(Path.Combine(first.SnapshotDirectory, "config.json")));
    }

    [Fact]
    public async Task A_damaged_blob_is_downloaded_again_and_only_that_one()
    {
        var first = await _ctx.PullAsync("dinov2-tiny");
        File.WriteAllText(Path.Combine(first.SnapshotDirectory, "preprocessor_config.json"), "{}");
        var before = _ctx.Hub.Requests.Count;

        var again = await _ctx.PullAsync("dinov2-tiny");
        Assert.Equal((1, 2), (again.FilesDownloaded, again.FilesReused));
        Assert.All(_ctx.Hub.Requests.Skip(before), r => Assert.EndsWith("/preprocessor_config.json", r.Path));
        Assert.True((await ModelVerifier.VerifyAsync(_ctx.Registry.Find("dinov2-tiny"), first.SnapshotDirectory)).Ok);
    }

    [Fact]
    public async Task Interrupted_transfer_keeps_the_partial_file_and_the_next_pull_resumes_with_range()
    {
        const string file = "vision_model.onnx";
        const long cut = 100_000;
        _ctx.Hub.CutTransfers(file, cut);

        var e = await Assert.ThrowsAsync<ModelDownloadException>(() => _ctx.PullAsync("siglip-tiny", maxAttempts: 1));
        Assert.Equal(file, e.File);
        var entry = _ctx.Registry.Find("siglip-tiny");
        var sha = entry.Files.Single(f => f.Path == file).Sha256!;
        var blobs = Path.Combine(_ctx.CacheDir, "models--researchkit--siglip-tiny", "blobs");
        var partial = Path.Combine(blobs, sha + ".incomplete");
        Assert.Equal(cut, new FileInfo(partial).Length);
        Assert.False(File.Exists(Path.Combine(blobs, sha)));

        var before = _ctx.Hub.Requests.Count;
        var result = await _ctx.PullAsync("siglip-tiny", maxAttempts: 1);
        var resumed = _ctx.Hub.Requests.Skip(before).Where(r => r.Method == "GET" && r.Path.EndsWith(file)).ToArray();
        Assert.Contains(resumed, r => r.Header("Range") == $"bytes={cut}-");
        Assert.False(File.Exists(partial));
        Assert.Equal(sha, Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(Path.Combine(result.SnapshotDirectory, file)))));
    }

    [Fact]
    public async Task A_broken_connection_is_retried_within_one_pull_and_resumed()
    {
        _ctx.Hub.CutTransfers("model.onnx", 50_000, times: 2);
        var result = await _ctx.PullAsync("dinov2-tiny", maxAttempts: 3);

        var gets = _ctx.Hub.Requests.Where(r => r.Method == "GET" && r.Path.EndsWith("/model.onnx")).ToArray();
        Assert.Contains(gets, r => r.Header("Range") == "bytes=50000-");
        Assert.Contains(gets, r => r.Header("Range") == "bytes=100000-");
        var report = await ModelVerifier.VerifyAsync(_ctx.Registry.Find("dinov2-tiny"), result.SnapshotDirectory);
        Assert.True(report.Ok, string.Join("; ", report.Failures.Select(f => f.Describe())));
    }

    [Fact]
    public async Task Corrupted_download_is_rejected_deleted_and_named()
    {
        _ctx.Hub.Corrupt["spiece.model"] = true;
        var e = await Assert.ThrowsAsync<ModelDownloadException>(() => _ctx.PullAsync("siglip-tiny"));
        var expected = _ctx.Registry.Find("siglip-tiny").Files.Single(f => f.Path == "spiece.model").Sha256;

        Assert.Equal("spiece.model", e.File);
        Assert.Contains("spiece.model", e.Message);
        Assert.Equal(expected, e.Expected);
        Assert.NotNull(e.Actual);
        Assert.NotEqual(expected, e.Actual);
        Assert.Contains(expected!, e.Message);
        Assert.Contains(e.Actual!, e.Message);
        var repoDir = Path.Combine(_ctx.CacheDir, "models--researchkit--siglip-tiny");
        Assert.Empty(Directory.GetFiles(Path.Combine(repoDir, "blobs"), expected + "*"));
        Assert.False(File.Exists(Path.Combine(repoDir, "snapshots", LoopbackHub.Commit, "spiece.model")));
        Assert.False(File.Exists(Path.Combine(repoDir, "refs", "main")));
        Assert.Throws<ModelNotFoundException>(() => ModelLocator.Resolve("siglip-tiny", _ctx.Registry, _ctx.CacheDir));
    }

    [Fact]
    public async Task Without_a_registry_hash_the_lfs_etag_still_catches_corruption()
    {
        var entry = _ctx.Registry.Find("dinov2-tiny") with
        {
            Files = _ctx.Registry.Find("dinov2-tiny").Files.Select(f => f with { Size = null, Sha256 = null }).ToArray(),
        };
        _ctx.Hub.Corrupt["model.onnx"] = true;
        using var client = _ctx.Client();
        var e = await Assert.ThrowsAsync<ModelDownloadException>(() => client.PullAsync(entry));
        Assert.Equal("model.onnx", e.File);
        Assert.Contains("SHA-256 mismatch", e.Message);
    }

    [Fact]
    public async Task Token_is_sent_as_a_bearer_header()
    {
        _ctx.Hub.RequiredToken = "hf_secret_test";
        await _ctx.PullAsync("dinov2-tiny", token: "hf_secret_test");
        var resolves = _ctx.Hub.Requests.Where(r => r.Path.Contains("/resolve/")).ToArray();
        Assert.NotEmpty(resolves);
        Assert.All(resolves, r => Assert.Equal("Bearer hf_secret_test", r.Header("Authorization")));
    }

    [Fact]
    public async Task Missing_token_for_a_gated_repo_gives_401_with_advice()
    {
        _ctx.Hub.RequiredToken = "hf_secret_test";
        var e = await Assert.ThrowsAsync<ModelDownloadException>(() => _ctx.PullAsync("dinov2-tiny", token: ""));
        Assert.Equal(401, e.StatusCode);
        Assert.Contains("HF_TOKEN", e.Message);
        Assert.DoesNotContain(_ctx.Hub.Requests, r => r.Header("Authorization") is not null);
    }

    [Fact]
    public async Task Missing_file_gives_404_naming_the_file()
    {
        var entry = _ctx.Registry.Find("dinov2-tiny") with
        {
            Files = [.. _ctx.Registry.Find("dinov2-tiny").Files, new RegistryFile("onnx/model_fp16.onnx")],
        };
        using var client = _ctx.Client();
        var e = await Assert.ThrowsAsync<ModelDownloadException>(() => client.PullAsync(entry));
        Assert.Equal(404, e.StatusCode);
        Assert.Equal("onnx/model_fp16.onnx", e.File);
        Assert.Contains("'onnx/model_fp16.onnx' not found", e.Message);
    }

    [Fact]
    public async Task Missing_repo_gives_404_naming_the_repo()
    {
        var entry = _ctx.Registry.Find("dinov2-tiny") with { Repo = "researchkit/does-not-exist" };
        using var client = _ctx.Client();
        var e = await Assert.ThrowsAsync<ModelDownloadException>(() => client.PullAsync(entry));
        Assert.Equal(404, e.StatusCode);
        Assert.Contains("repository 'researchkit/does-not-exist' not found", e.Message);
    }

    [Fact]
    public async Task Progress_reports_every_file_to_completion()
    {
        var reports = new List<DownloadProgress>();
        var progress = new SyncProgress(reports.Add);
        using var client = _ctx.Client();
        var entry = _ctx.Registry.Find("eva02-clip-tiny");
        await client.PullAsync(entry, progress);

        foreach (var file in entry.Files)
        {
            var last = reports.Last(r => r.File == file.Path);
            Assert.True(last.Completed);
            Assert.Equal(file.Size, last.BytesDone);
        }
        // The 575 kB visual tower arrives in several steps, never going backwards.
        var visual = reports.Where(r => r.File == "visual.onnx").Select(r => r.BytesDone).ToArray();
        Assert.True(visual.Length > 2);
        Assert.Equal(visual.Order(), visual);
    }

    [Fact]
    public async Task Cancellation_stops_the_pull_and_keeps_the_partial_file()
    {
        using var cts = new CancellationTokenSource();
        var progress = new SyncProgress(p =>
        {
            if (p.File == "visual.onnx" && p.BytesDone > 0 && !p.Completed) cts.Cancel();
        });
        using var client = _ctx.Client();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.PullAsync(_ctx.Registry.Find("eva02-clip-tiny"), progress, cts.Token));
        Assert.False(_ctx.Cache.IsPulled(_ctx.Registry.Find("eva02-clip-tiny")));
        var result = await _ctx.PullAsync("eva02-clip-tiny");
        Assert.True((await ModelVerifier.VerifyAsync(_ctx.Registry.Find("eva02-clip-tiny"), result.SnapshotDirectory)).Ok);
    }

    [Fact]
    public async Task Entries_that_are_not_pullable_refuse_to_pull()
    {
        using var client = _ctx.Client();
        var e = await Assert.ThrowsAsync<ModelDownloadException>(() => client.PullAsync(ModelRegistry.Load(HubTestContext.ShippedRegistryPath).Find("siglip-emoji")));
        Assert.Contains("cannot be pulled", e.Message);
        Assert.Empty(_ctx.Hub.Requests);
    }

    [Fact]
    public async Task A_mirror_without_commit_headers_gets_a_snapshot_named_after_the_revision()
    {
        _ctx.Hub.SendRepoCommit = false;
        var result = await _ctx.PullAsync("siglip-tiny");
        Assert.Equal("main", result.Commit);
        Assert.EndsWith(Path.Combine("snapshots", "main"), result.SnapshotDirectory);
        Assert.Equal(result.SnapshotDirectory, ModelLocator.Resolve("siglip-tiny", _ctx.Registry, _ctx.CacheDir));

        var before = _ctx.Hub.Requests.Count;
        Assert.Equal(0, (await _ctx.PullAsync("siglip-tiny")).FilesDownloaded);
        Assert.Equal(before, _ctx.Hub.Requests.Count);
    }

    [Fact]
    public void Resolve_url_escapes_segments()
    {
        using var client = _ctx.Client();
        Assert.Equal($"{_ctx.Hub.Endpoint}/org/name/resolve/refs%2Fpr%2F1/onnx/a%20b.onnx",
            client.ResolveUrl("org/name", "refs/pr/1", "onnx/a b.onnx").AbsoluteUri);
    }

    /// <summary>Reports synchronously on the calling thread (Progress&lt;T&gt; would post to the thread pool).</summary>
    private sealed class SyncProgress(Action<DownloadProgress> report) : IProgress<DownloadProgress>
    {
        public void Report(DownloadProgress value) => report(value);
    }
}
