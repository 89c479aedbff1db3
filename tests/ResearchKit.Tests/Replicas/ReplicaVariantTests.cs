using System.Text.Json;
using ResearchKit.Models;
using ResearchKit.Models.Hub;
using ResearchKit.Tests.Cli;
using ResearchKit.Tests.Hub;

namespace ResearchKit.Tests.Replicas;

/// <summary>
/// Graph variants (transformers.js's <c>_fp16</c>, <c>_quantized</c> files) chosen with <c>--variant</c>: pulled
/// beside the shared files, found by name, embedding close to fp32, with the registry's quality caution shown.
/// </summary>
public sealed class ReplicaVariantTests : IDisposable
{
    private const string Siglip = "google/siglip-base-patch16-224";
    private const string Repo = "Xenova/siglip-base-patch16-224";
    private readonly HubTestContext _ctx = new();

    public void Dispose() => _ctx.Dispose();

    private string[] Common => ["--registry", HubTestContext.RegistryPath, "--cache-dir", _ctx.CacheDir];

    [Fact]
    public void Fp16_variant_is_pulled_alone_and_embeds_like_fp32()
    {
        var pull = CliRun.Invoke(["models", "pull", Siglip, "--variant", "fp16", "--endpoint", _ctx.Hub.Endpoint, .. Common]);
        Assert.True(pull.ExitCode == 0, pull.Error);
        var snapshot = pull.Out.Trim();
        Assert.True(File.Exists(Path.Combine(snapshot, "onnx", "vision_model_fp16.onnx")));
        Assert.False(File.Exists(Path.Combine(snapshot, "onnx", "vision_model.onnx")));
        Assert.DoesNotContain("warning", pull.Error);

        // Not pulled in fp32, so the name resolves only with the variant.
        Assert.Throws<ModelNotFoundException>(() => ModelLocator.Resolve(Siglip, _ctx.Registry, _ctx.CacheDir));
        Assert.Equal(snapshot, ModelLocator.Resolve(Siglip, _ctx.Registry, _ctx.CacheDir, "fp16"));
        var verify = CliRun.Invoke(["models", "verify", Siglip, "--variant", "fp16", .. Common]);
        Assert.True(verify.ExitCode == 0, verify.Out);
        Assert.Contains("ok    onnx/text_model_fp16.onnx", verify.Out);

        var reference = ReplicaReference.Instance;
        var image = CliRun.Invoke(["embed", FixturePaths.Image("photo_astronaut.jpg"), "--model", Siglip, "--variant", "fp16", .. Common]);
        Assert.True(image.ExitCode == 0, image.Error);
        VectorAssert.CosineAtLeast(reference.Image(Repo, "photo_astronaut.jpg"), Embedding(image.Out), 0.999, "fp16 image");
        var text = CliRun.Invoke(["embed", "--text", reference.Strings[1], "--model", Siglip, "--variant", "fp16", .. Common]);
        Assert.True(text.ExitCode == 0, text.Error);
        VectorAssert.CosineAtLeast(reference.Texts(Repo)![1], Embedding(text.Out), 0.999, "fp16 text");
    }

    [Fact]
    public void Quantized_variant_carries_its_caution_on_pull_and_on_use()
    {
        var pull = CliRun.Invoke(["models", "pull", Siglip, "--variant", "quantized", "--endpoint", _ctx.Hub.Endpoint, .. Common]);
        Assert.True(pull.ExitCode == 0, pull.Error);
        Assert.Contains($"warning: {Siglip} variant quantized: 8-bit dynamic quantization", pull.Error);
        var embed = CliRun.Invoke(["embed", FixturePaths.Image("gradient.png"), "--model", Siglip, "--variant", "quantized", .. Common]);
        Assert.True(embed.ExitCode == 0, embed.Error);
        Assert.Contains("cosine 0.64", embed.Error);
        Assert.Equal(16, Embedding(embed.Out).Length);
    }

    [Fact]
    public void An_unknown_variant_is_a_typed_error_listing_the_known_ones()
    {
        var e = Assert.Throws<UnknownVariantException>(() => _ctx.Registry.Find(Siglip).FilesFor("q4"));
        Assert.Equal(["fp16", "quantized"], e.KnownVariants);
        var pull = CliRun.Invoke(["models", "pull", Siglip, "--variant", "q4", "--endpoint", _ctx.Hub.Endpoint, .. Common]);
        Assert.Equal(2, pull.ExitCode);
        Assert.Contains("has no variant 'q4'. Its variants are: fp16, quantized", pull.Error);
        Assert.Empty(_ctx.Hub.Requests);

        var immich = Assert.Throws<UnknownVariantException>(() => _ctx.Registry.Find("ViT-B-16-SigLIP__webli").FilesFor("fp16"));
        Assert.Contains("ships only the fp32 graphs", immich.Message);
    }

    [Fact]
    public void Shipped_cautions_warn_against_the_quantized_towers_the_issue_measured()
    {
        var shipped = ModelRegistry.Load(HubTestContext.ShippedRegistryPath);
        Assert.Contains("0.36", shipped.Find("facebook/dinov2-small").Variant("quantized")!.Caution);
        Assert.Contains("0.64", shipped.Find("google/siglip2-base-patch16-224").Variant("int8")!.Caution);
        Assert.Null(shipped.Find("google/siglip2-base-patch16-224").Variant("fp16")!.Caution);
        foreach (var entry in shipped.Entries)
            foreach (var v in entry.Variants.Where(v => v.Name is "quantized" or "int8" or "uint8" or "q4" or "q4f16" or "bnb4"))
                Assert.False(string.IsNullOrWhiteSpace(v.Caution), $"{entry.Name} {v.Name} has no caution");
    }

    private static float[] Embedding(string json)
    {
        using var doc = JsonDocument.Parse(json);
        return [.. doc.RootElement.GetProperty("embedding").EnumerateArray().Select(v => v.GetSingle())];
    }
}
