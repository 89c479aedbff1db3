using ResearchKit.Models;
using ResearchKit.Models.Hub;
using ResearchKit.Tests.Hub;

namespace ResearchKit.Tests.Replicas;

/// <summary>
/// The shipped registry and the replicas cannot drift apart: every pullable entry users get has a replica of its
/// shape (layout, family, the files it lists, its variants' file names) that the end-to-end tests pull, verify,
/// index and search, and each replica's test entry lists exactly what the shipped entry of that name lists.
/// </summary>
public sealed class RegistryReplicaCoverageTests
{
    private static readonly ModelRegistry Shipped = ModelRegistry.Load(HubTestContext.ShippedRegistryPath);
    private static readonly ModelRegistry Test = ModelRegistry.Load(HubTestContext.RegistryPath);

    // External data is found in the graph, so whether an entry lists it does not change its shape.
    private static string Shape(RegistryEntry e) =>
        $"{e.Layout}|{e.Family}|" + string.Join(",", e.Files.Select(f => f.Path).Where(p => !p.EndsWith(".onnx_data", StringComparison.Ordinal)).Order(StringComparer.Ordinal));

    public static TheoryData<string> PullableEntries()
    {
        var data = new TheoryData<string>();
        foreach (var e in Shipped.Entries.Where(e => e.Pullable)) data.Add(e.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(PullableEntries))]
    public void Every_pullable_entry_has_a_replica_of_its_shape(string name)
    {
        var entry = Shipped.Find(name);
        if (entry.Family == ModelFamily.Eva02Clip) return; // open_clip layout: the eva02 conversion work covers it
        var replicas = Test.Entries.Where(e => !e.Repo.StartsWith("researchkit/", StringComparison.Ordinal)).ToArray();
        Assert.Contains(Shape(entry), replicas.Select(Shape));
    }

    [Fact]
    public void Each_replica_lists_what_its_shipped_entry_lists()
    {
        foreach (var replica in Test.Entries.Where(e => !e.Repo.StartsWith("researchkit/", StringComparison.Ordinal)))
        {
            var shipped = Shipped.Find(replica.Name);
            Assert.Equal((shipped.Repo, shipped.Layout, shipped.Family, shipped.ImageSize), (replica.Repo, replica.Layout, replica.Family, replica.ImageSize));
            Assert.Equal(shipped.Files.Select(f => f.Path), replica.Files.Select(f => f.Path));
            Assert.All(replica.Files, f => Assert.True(f.FullyPinned, $"{replica.Name}: {f.Path} is not pinned"));
            foreach (var variant in replica.Variants)
            {
                var real = shipped.Variant(variant.Name)!;
                Assert.Equal(real.Files.Select(f => f.Path), variant.Files.Select(f => f.Path));
                Assert.Equal(real.Caution, variant.Caution);
            }
        }
    }

    [Fact]
    public void The_replicas_cover_every_layout_and_exporter_generation()
    {
        var replicas = Test.Entries.Where(e => !e.Repo.StartsWith("researchkit/", StringComparison.Ordinal)).ToArray();
        Assert.Equal(7, replicas.Length);
        Assert.Equal(
            [(ModelLayout.HuggingFace, ModelFamily.Siglip), (ModelLayout.HuggingFace, ModelFamily.Siglip2), (ModelLayout.HuggingFace, ModelFamily.Dinov2),
             (ModelLayout.Immich, ModelFamily.Siglip), (ModelLayout.Immich, ModelFamily.Siglip2)],
            replicas.Select(r => (r.Layout, r.Family)).Distinct().Order());
        foreach (var replica in replicas)
        {
            using var model = EmbeddingModel.Open(Path.Combine(FixturePaths.Replicas, "repos", replica.Repo));
            Assert.Equal((replica.Layout, replica.Family), (model.Directory.Layout, model.Family));
        }
    }

    [Fact]
    public void Registry_logits_reach_the_model_and_a_directory_of_its_own_wins_nothing_over_them()
    {
        var entry = Shipped.Find("google/siglip2-base-patch16-224");
        Assert.NotNull(entry.Logits);
        Assert.Equal(112.669, entry.Logits!.Scale, 3);
        Assert.Equal(-16.7717, entry.Logits.Bias, 4);
        using var model = EmbeddingModel.Open(Path.Combine(FixturePaths.Replicas, "repos", "onnx-community", "siglip2-base-patch16-224-ONNX"),
            new EmbeddingModelOptions { Logits = entry.Logits });
        Assert.Null(model.Directory.Logits);
        Assert.Equal(entry.Logits, model.Logits);
        Assert.Equal(1.0 / (1.0 + Math.Exp(-(112.669 * 0.2 - 16.7717))), model.Logits!.Probability(0.2), 3);
    }
}
