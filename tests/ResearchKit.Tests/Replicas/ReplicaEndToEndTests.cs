using System.Text.Json;
using ResearchKit.Datasets;
using ResearchKit.Embeddings;
using ResearchKit.Tests.Cli;
using ResearchKit.Tests.Hub;

namespace ResearchKit.Tests.Replicas;

/// <summary>
/// Every replica repository (one per registry layout: Xenova SigLIP, onnx-community SigLIP 2 with external data,
/// Xenova DINOv2, onnx-community DINOv2 with registers, Immich SigLIP and SigLIP 2 with the current exporter,
/// Immich SigLIP with the older one) goes through what a user runs, in-process through the CLI against the
/// loopback hub: <c>models pull</c>, <c>models verify</c>, <c>index</c> a folder, then text and image search.
/// The stored vectors and the search scores must match the reference embeddings make_replicas.py computed with
/// torch from the reference processor paths (cosine 0.9999; Immich's from Pillow pixels and tokenizers.js ids).
/// </summary>
public sealed class ReplicaEndToEndTests
{
    private const double MinimumCosine = 0.9999;
    private const double ScoreTolerance = 2e-4;

    public static TheoryData<string> Replicas()
    {
        var data = new TheoryData<string>();
        foreach (var repo in ReplicaReference.Instance.Repos) data.Add(repo);
        return data;
    }

    [Theory]
    [MemberData(nameof(Replicas))]
    public void Pull_verify_index_and_search_reproduce_the_reference_embeddings(string repo)
    {
        using var ctx = new HubTestContext();
        using var data = new TempDirectory();
        var reference = ReplicaReference.Instance;
        var entry = ctx.Registry.Entries.Single(e => e.Repo == repo);
        string[] common = ["--registry", HubTestContext.RegistryPath, "--cache-dir", ctx.CacheDir];

        var pull = CliRun.Invoke(["models", "pull", entry.Name, "--endpoint", ctx.Hub.Endpoint, .. common]);
        Assert.True(pull.ExitCode == 0, pull.Error);
        var snapshot = pull.Out.Trim();
        Assert.True(Directory.Exists(snapshot), snapshot);
        var replicaFiles = Directory.GetFiles(Path.Combine(FixturePaths.Replicas, "repos", repo), "*", SearchOption.AllDirectories).Length;
        var pulledFiles = Directory.GetFiles(snapshot, "*", SearchOption.AllDirectories).Length;

        var verify = CliRun.Invoke(["models", "verify", entry.Name, .. common]);
        Assert.True(verify.ExitCode == 0, verify.Out + verify.Error);
        var lines = verify.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines, l => Assert.StartsWith("ok ", l));
        Assert.Equal(pulledFiles, lines.Length);
        // Everything but the other variants' graphs was pulled: the graphs' external data too.
        var variantGraphs = entry.Variants.Sum(v => v.Files.Count);
        Assert.Equal(replicaFiles - variantGraphs, pulledFiles);

        foreach (var image in reference.Images)
            File.Copy(FixturePaths.Image(image), Path.Combine(data.Path, image));
        var index = CliRun.Invoke(["index", data.Path, "--model", $"replica={entry.Name}", .. common]);
        Assert.True(index.ExitCode == 0, index.Error);
        Assert.StartsWith($"replica: {reference.Images.Count} embedded", index.Out.Trim());

        var space = EmbeddingStore.For(Dataset.Open(data.Path)).LoadSpace("replica");
        Assert.Equal(reference.Images.Count, space.Count);
        var expected = reference.Images.ToDictionary(i => i, i => reference.Image(repo, i));
        foreach (var image in reference.Images)
            VectorAssert.CosineAtLeast(expected[image], space.Vector(space.RowOf(image)).ToArray(), MinimumCosine, $"{repo} {image}");

        // Image search: a new image embedded at query time against the stored ones.
        var query = reference.Images[3];
        var similar = CliRun.Invoke(["similar", data.Path, "--image", FixturePaths.Image(query), "--space", "replica", "--top", "11", "--json"]);
        Assert.True(similar.ExitCode == 0, similar.Error);
        AssertRanking(similar.Out, expected, expected[query], $"{repo} similar {query}");

        var texts = reference.Texts(repo);
        if (texts is null) return;
        // Crop re-ranking embeds several crops per image in one call: a batch-1 graph takes them in chunks.
        var crops = CliRun.Invoke(["search", data.Path, reference.Strings[0], "--space", "replica", "--rerank", "crops", "--recall", "4", "--top", "4", "--json"]);
        Assert.True(crops.ExitCode == 0, crops.Error);
        Assert.Equal(4, JsonDocument.Parse(crops.Out).RootElement.GetProperty("results").GetArrayLength());
        for (var s = 0; s < reference.Strings.Count; s++)
        {
            if (string.IsNullOrWhiteSpace(reference.Strings[s])) continue;
            var search = CliRun.Invoke(["search", data.Path, reference.Strings[s], "--space", "replica", "--top", "11", "--json"]);
            Assert.True(search.ExitCode == 0, search.Error);
            AssertRanking(search.Out, expected, texts[s], $"{repo} search '{reference.Strings[s]}'");
        }
    }

    /// <summary>The results are every image, ordered by the reference cosine, with the reference scores.</summary>
    private static void AssertRanking(string json, Dictionary<string, float[]> images, float[] query, string what)
    {
        using var doc = JsonDocument.Parse(json);
        var results = doc.RootElement.GetProperty("results").EnumerateArray()
            .Select(r => (Id: r.GetProperty("id").GetString()!, Score: r.GetProperty("score").GetDouble())).ToArray();
        Assert.Equal(images.Count, results.Length);
        foreach (var (id, score) in results)
            Assert.True(Math.Abs(VectorAssert.Cosine(query, images[id]) - score) <= ScoreTolerance, $"{what}: {id} scored {score}, reference {VectorAssert.Cosine(query, images[id])}");
        for (var i = 1; i < results.Length; i++)
            Assert.True(results[i - 1].Score >= results[i].Score, $"{what}: results not in score order");
    }
}
