using ResearchKit.Models.Hub;

namespace ResearchKit.Tests.Hub;

public sealed class ModelVerifierTests : IDisposable
{
    private readonly HubTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public async Task Verify_passes_a_clean_pull_and_says_what_it_checked()
    {
        await _ctx.PullAsync("siglip-tiny");
        var report = await ModelVerifier.VerifyPulledAsync(_ctx.Registry.Find("siglip-tiny"), _ctx.Cache);
        Assert.True(report.Ok);
        Assert.True(report.Complete);
        Assert.All(report.Files, f => Assert.Equal("size and sha256", f.Checked));
        Assert.Equal(6, report.Files.Count);
    }

    [Fact]
    public async Task Verify_reports_corrupted_truncated_and_missing_files_by_name()
    {
        var result = await _ctx.PullAsync("siglip-tiny");
        // Writing through the snapshot link corrupts the blob itself, as disk damage would.
        var vision = Path.Combine(result.SnapshotDirectory, "vision_model.onnx");
        var bytes = File.ReadAllBytes(vision);
        bytes[1000] ^= 0x55;
        File.WriteAllBytes(vision, bytes);
        File.WriteAllText(Path.Combine(result.SnapshotDirectory, "config.json"), "{}");
        File.Delete(Path.Combine(result.SnapshotDirectory, "spiece.model"));

        var report = await ModelVerifier.VerifyPulledAsync(_ctx.Registry.Find("siglip-tiny"), _ctx.Cache);
        Assert.False(report.Ok);
        var failures = report.Failures.ToDictionary(f => f.Path, f => f.Status);
        Assert.Equal(new Dictionary<string, FileCheckStatus>
        {
            ["vision_model.onnx"] = FileCheckStatus.HashMismatch,
            ["config.json"] = FileCheckStatus.SizeMismatch,
            ["spiece.model"] = FileCheckStatus.Missing,
        }, failures);
        var hash = report.Files.Single(f => f.Path == "vision_model.onnx");
        Assert.Contains(hash.ExpectedSha256!, hash.Describe());
        Assert.Contains(hash.ActualSha256!, hash.Describe());
        Assert.NotEqual(hash.ExpectedSha256, hash.ActualSha256);

        // A later pull notices the damage: the two damaged blobs are fetched again, the deleted link is
        // restored from its intact blob.
        var repaired = await _ctx.PullAsync("siglip-tiny");
        Assert.Equal((2, 4), (repaired.FilesDownloaded, repaired.FilesReused));
        Assert.True((await ModelVerifier.VerifyPulledAsync(_ctx.Registry.Find("siglip-tiny"), _ctx.Cache)).Ok);
    }

    [Fact]
    public async Task Verify_checks_only_what_the_registry_records_and_says_so()
    {
        var result = await _ctx.PullAsync("dinov2-tiny");
        var entry = _ctx.Registry.Find("dinov2-tiny");
        var partial = entry with { Files = entry.Files.Select(f => f with { Sha256 = null }).ToArray() };
        File.WriteAllBytes(Path.Combine(result.SnapshotDirectory, "model.onnx"), new byte[entry.Files.Single(f => f.Path == "model.onnx").Size!.Value]);

        var report = await ModelVerifier.VerifyAsync(partial, result.SnapshotDirectory);
        Assert.True(report.Ok);
        Assert.False(report.Complete);
        Assert.All(report.Files, f => Assert.Equal("size only (no sha256 in the registry)", f.Checked));
        Assert.False((await ModelVerifier.VerifyAsync(entry, result.SnapshotDirectory)).Ok);
    }

    [Fact]
    public async Task Verify_of_a_model_never_pulled_says_to_pull_it()
    {
        var e = await Assert.ThrowsAsync<ModelNotFoundException>(() => ModelVerifier.VerifyPulledAsync(_ctx.Registry.Find("dinov2-tiny"), _ctx.Cache));
        Assert.Contains("'dinov2-tiny' is not in the hub cache", e.Message);
    }
}
