using ResearchKit.Models;
using ResearchKit.Models.Hub;
using ResearchKit.Tests.Hub;

namespace ResearchKit.Tests.Replicas;

/// <summary>
/// Graphs that keep their weights outside the .onnx file: transformers.js's single <c>text_model.onnx_data</c>
/// (onnx-community SigLIP 2 replica) and torch's one-file-per-tensor layout (Immich SigLIP 2 replica) are found in
/// the graph, pulled, verified and loaded; a missing or short data file is named before ONNX Runtime trips on it;
/// and offsets past 2 GiB survive pull, verify and load (a sparse file, so nothing of that size is written).
/// </summary>
public sealed class ExternalDataTests : IDisposable
{
    private const string Siglip2 = "google/siglip2-base-patch16-224";
    private const string ImmichSiglip2 = "ViT-B-16-SigLIP2__webli";
    private const long FarOffset = 3L * 1024 * 1024 * 1024 + 64;
    private readonly HubTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    [Fact]
    public async Task Pull_finds_the_onnx_data_file_in_the_graph_and_fetches_it()
    {
        var entry = _ctx.Registry.Find(Siglip2);
        Assert.DoesNotContain(entry.Files, f => f.Path.EndsWith(".onnx_data", StringComparison.Ordinal));
        var result = await _ctx.PullAsync(Siglip2);
        Assert.Equal(["onnx/text_model.onnx_data"], result.ExternalFiles);
        Assert.Equal(entry.Files.Count + 1, result.FilesDownloaded);
        Assert.NotNull(new FileInfo(Path.Combine(result.SnapshotDirectory, "onnx", "text_model.onnx_data")).LinkTarget);
        Assert.Equal(result.SnapshotDirectory, _ctx.Cache.FindSnapshot(entry));

        var again = await _ctx.PullAsync(Siglip2);
        Assert.Equal((0, entry.Files.Count + 1), (again.FilesDownloaded, again.FilesReused));
    }

    [Fact]
    public async Task Per_tensor_files_are_pulled_verified_and_loaded_through_the_cache_links()
    {
        var result = await _ctx.PullAsync(ImmichSiglip2);
        var expected = OnnxExternalData.Files(Path.Combine(FixturePaths.Replicas, "repos", "immich-app", ImmichSiglip2, "textual", "model.onnx"));
        Assert.Equal(6, expected.Count);
        Assert.Equal(expected.Select(f => "textual/" + f).Order(), result.ExternalFiles.Order());

        var report = await ModelVerifier.VerifyPulledAsync(_ctx.Registry.Find(ImmichSiglip2), _ctx.Cache);
        Assert.True(report.Ok, string.Join("; ", report.Failures.Select(f => f.Describe())));
        var external = report.Files.Where(f => f.ExternalDataOf is not null).ToArray();
        Assert.Equal(6, external.Length);
        Assert.All(external, f => Assert.Equal("external data of textual/model.onnx: present and long enough for the graph", f.Checked));

        using var model = EmbeddingModel.Open(result.SnapshotDirectory);
        var reference = ReplicaReference.Instance;
        VectorAssert.CosineAtLeast(reference.Texts("immich-app/" + ImmichSiglip2)![0], model.EmbedText(reference.Strings[0]), 0.9999, "per-tensor text tower");
    }

    [Fact]
    public async Task A_missing_data_file_is_named_by_locate_verify_and_load()
    {
        var result = await _ctx.PullAsync(Siglip2);
        var data = Path.Combine(result.SnapshotDirectory, "onnx", "text_model.onnx_data");
        File.Delete(data);

        var missing = Assert.Throws<ModelNotFoundException>(() => ModelLocator.Resolve(Siglip2, _ctx.Registry, _ctx.CacheDir));
        Assert.Contains("is not in the hub cache", missing.Message);

        var report = await ModelVerifier.VerifyPulledAsync(_ctx.Registry.Find(Siglip2), _ctx.Cache);
        var row = Assert.Single(report.Failures);
        Assert.Equal(("onnx/text_model.onnx_data", FileCheckStatus.Missing), (row.Path, row.Status));
        Assert.Equal("onnx/text_model.onnx_data: missing (external data of onnx/text_model.onnx)", row.Describe());

        using var model = EmbeddingModel.Open(result.SnapshotDirectory);
        var e = Assert.Throws<ModelLoadException>(() => model.EmbedText("a dog"));
        Assert.EndsWith("text_model.onnx", e.Path);
        Assert.Contains("'text_model.onnx_data'", e.Message);
        Assert.Contains("Download it from the model's repository", e.Message);

        // A pull repairs it, from the blob still in the cache.
        var repaired = await _ctx.PullAsync(Siglip2);
        Assert.Equal(0, repaired.FilesDownloaded);
        Assert.True(File.Exists(data));
        Assert.True((await ModelVerifier.VerifyPulledAsync(_ctx.Registry.Find(Siglip2), _ctx.Cache)).Ok);
    }

    [Fact]
    public async Task A_truncated_data_file_is_named_by_verify_and_load()
    {
        var result = await _ctx.PullAsync(Siglip2);
        var data = Path.Combine(result.SnapshotDirectory, "onnx", "text_model.onnx_data");
        var blob = new FileInfo(data).ResolveLinkTarget(true)!.FullName;
        using (var stream = new FileStream(blob, FileMode.Open)) stream.SetLength(stream.Length - 100);

        var report = await ModelVerifier.VerifyPulledAsync(_ctx.Registry.Find(Siglip2), _ctx.Cache);
        var row = Assert.Single(report.Failures);
        Assert.Equal(FileCheckStatus.Truncated, row.Status);
        Assert.Contains("reads up to byte", row.Describe());

        using var model = EmbeddingModel.Open(result.SnapshotDirectory);
        var e = Assert.Throws<ModelLoadException>(() => model.EmbedText("a dog"));
        Assert.Contains("interrupted download", e.Message);
    }

    [Fact]
    public void Offsets_past_2_gib_are_read_and_loaded_from_a_sparse_file()
    {
        using var dir = new TempDirectory();
        var graph = Path.Combine(dir.Path, "model.onnx");
        File.Copy(Path.Combine(FixturePaths.Replicas, "broken", "external_past_2gb.onnx"), graph);
        var tensor = Assert.Single(OnnxExternalData.Read(graph));
        Assert.Equal(("weights", "far.bin", FarOffset, (long?)16), (tensor.Tensor, tensor.Location, tensor.Offset, tensor.Length));

        var far = Path.Combine(dir.Path, "far.bin");
        WriteSparse(far, FarOffset, [1f, 2f, 3f, 4f]);
        Assert.True(new FileInfo(far).Length > int.MaxValue);
        OnnxExternalData.Require(graph);

        using var session = OnnxSessionFactory.Create(graph, EncoderOptions.Default);
        using var x = Microsoft.ML.OnnxRuntime.OrtValue.CreateTensorValueFromMemory(new float[] { 10, 20, 30, 40 }, [4]);
        using var y = session.Run(new Microsoft.ML.OnnxRuntime.RunOptions(), ["x"], [x], ["y"]);
        Assert.Equal(new float[] { 11, 22, 33, 44 }, y[0].GetTensorDataAsSpan<float>().ToArray());

        using (var stream = new FileStream(far, FileMode.Open)) stream.SetLength(FarOffset + 8);
        var e = Assert.Throws<ModelLoadException>(() => OnnxExternalData.Require(graph));
        Assert.Contains($"reads up to byte {FarOffset + 16}", e.Message);
    }

    [Fact]
    public async Task A_data_file_past_2_gib_is_resumed_verified_and_loaded_after_pull()
    {
        // The hub generates far.bin: zeros, then the four weights at 3 GiB + 64. A partial download already
        // holds everything but the last 16 bytes (sparse), so the pull resumes with a range past 2^31.
        var graph = File.ReadAllBytes(Path.Combine(FixturePaths.Replicas, "broken", "external_past_2gb.onnx"));
        using var repoDir = new TempDirectory();
        repoDir.Write("model.onnx", graph);
        const long size = FarOffset + 16;
        var weights = new[] { 1f, 2f, 3f, 4f }.SelectMany(BitConverter.GetBytes).ToArray();
        _ctx.Hub.Serve("researchkit/far-external", repoDir.Path)
            .ServeVirtual("researchkit/far-external", "far.bin", size, (start, count) =>
            {
                var bytes = new byte[count];
                for (var i = 0; i < count; i++)
                    if (start + i >= FarOffset) bytes[i] = weights[start + i - FarOffset];
                return bytes;
            }, "far-bin-etag");
        var blobs = Directory.CreateDirectory(Path.Combine(_ctx.CacheDir, "models--researchkit--far-external", "blobs")).FullName;
        using (var partial = new FileStream(Path.Combine(blobs, "far-bin-etag.incomplete"), FileMode.CreateNew)) partial.SetLength(FarOffset);
        var entry = new RegistryEntry
        {
            Name = "far-external", Family = ModelFamily.Dinov2, Repo = "researchkit/far-external", EmbeddingDim = 4, ImageSize = 4,
            Files = [new RegistryFile("model.onnx", graph.Length)],
        };

        using var client = _ctx.Client();
        var result = await client.PullAsync(entry);
        Assert.Equal(["far.bin"], result.ExternalFiles);
        Assert.Equal(16, result.BytesDownloaded - graph.Length);
        var gets = _ctx.Hub.FileRequests.Where(r => r.Method == "GET" && r.Path.EndsWith("/far.bin", StringComparison.Ordinal)).ToArray();
        Assert.Contains(gets, r => r.Path.StartsWith("/cdn/", StringComparison.Ordinal));
        Assert.All(gets, r => Assert.Equal($"bytes={FarOffset}-", r.Header("Range")));

        var local = Path.Combine(result.SnapshotDirectory, "far.bin");
        Assert.Equal(size, new FileInfo(local).ResolveLinkTarget(true) is FileInfo f ? f.Length : -1);
        var report = await ModelVerifier.VerifyAsync(entry, result.SnapshotDirectory);
        Assert.True(report.Ok, string.Join("; ", report.Failures.Select(r => r.Describe())));
        Assert.Equal(size, report.Files.Single(r => r.Path == "far.bin").RequiredSize);

        using var session = OnnxSessionFactory.Create(Path.Combine(result.SnapshotDirectory, "model.onnx"), EncoderOptions.Default);
        using var x = Microsoft.ML.OnnxRuntime.OrtValue.CreateTensorValueFromMemory(new float[4], [4]);
        using var y = session.Run(new Microsoft.ML.OnnxRuntime.RunOptions(), ["x"], [x], ["y"]);
        Assert.Equal(new float[] { 1, 2, 3, 4 }, y[0].GetTensorDataAsSpan<float>().ToArray());
    }

    [Theory]
    [InlineData("../outside.bin", "outside the graph's folder")]
    [InlineData("/etc/passwd", "outside the graph's folder")]
    public void Locations_outside_the_graph_folder_are_refused(string location, string reason)
    {
        using var dir = new TempDirectory();
        var bytes = File.ReadAllBytes(Path.Combine(FixturePaths.Replicas, "broken", "external_past_2gb.onnx"));
        // Same-length replacement keeps the protobuf lengths valid: "far.bin" is 7 bytes.
        var name = System.Text.Encoding.ASCII.GetBytes("far.bin");
        var replacement = System.Text.Encoding.ASCII.GetBytes(location.PadRight(7)[..7]);
        var at = bytes.AsSpan().IndexOf(name);
        replacement.CopyTo(bytes, at);
        var path = dir.Write("model.onnx", bytes);
        var e = Assert.Throws<ModelLoadException>(() => OnnxExternalData.Read(path));
        Assert.Contains(reason, e.Message);
    }

    private static void WriteSparse(string path, long offset, float[] values)
    {
        using var stream = new FileStream(path, FileMode.Create);
        stream.SetLength(offset);
        stream.Position = offset;
        foreach (var v in values) stream.Write(BitConverter.GetBytes(v));
    }
}
