using ResearchKit.Imaging;
using ResearchKit.Models;

namespace ResearchKit.Tests.Replicas;

/// <summary>
/// Immich's current exporter traces its towers with batch 1. The encoders feed such graphs in chunks of their fixed
/// size whatever batch the caller hands them (indexing, crops, the service all go through the encoders), and a
/// graph that does not keep its own batch size is a typed error naming the file and what to do.
/// </summary>
public sealed class FixedBatchTests
{
    private static string Replica(string repo) => Path.Combine(FixturePaths.Replicas, "repos", repo);

    [Fact]
    public void A_batch_one_graph_embeds_any_batch_like_one_image_at_a_time()
    {
        using var model = EmbeddingModel.Open(Replica("immich-app/ViT-B-16-SigLIP__webli"));
        var encoder = (OnnxImageEncoder)model.ImageEncoder;
        Assert.Equal(1, encoder.BatchSize);
        Assert.True(encoder.Output.AlreadyNormalized);
        var images = ReplicaReference.Instance.Images.Take(5).Select(i => model.Preprocessor.Process(FixturePaths.Image(i))).ToArray();
        var batch = encoder.Encode(images);
        Assert.Equal(5, batch.Count);
        for (var i = 0; i < images.Length; i++)
        {
            var single = encoder.Encode([images[i]]).Raw[0];
            VectorAssert.Close(single, batch.Raw[i], 1e-6, $"image {i}");
            // Immich's graphs normalise; the vectors are used as they come.
            Assert.Same(batch.Raw[i], batch.Normalized[i]);
        }

        var text = (OnnxTextEncoder)model.TextEncoder;
        Assert.Equal((1, true, "text"), (text.BatchSize, text.TakesInt32Ids, text.IdsInput));
        var ids = ReplicaReference.Instance.Ids("immich-app/ViT-B-16-SigLIP__webli")!;
        var texts = text.Encode(ids);
        Assert.Equal(ids.Length, texts.Count);
        VectorAssert.Close(text.Encode([ids[2]]).Raw[0], texts.Raw[2], 1e-6, "text 2");
    }

    [Fact]
    public void The_older_immich_export_has_a_dynamic_batch_and_legacy_output_names()
    {
        using var model = EmbeddingModel.Open(Replica("immich-app/ViT-SO400M-14-SigLIP-384__webli"));
        var image = (OnnxImageEncoder)model.ImageEncoder;
        Assert.Null(image.BatchSize);
        Assert.Equal(("image_embedding", true), (image.Output.OutputName, image.Output.AlreadyNormalized));
        Assert.Equal(("text_embedding", true), (((OnnxTextEncoder)model.TextEncoder).Output.OutputName, ((OnnxTextEncoder)model.TextEncoder).Output.AlreadyNormalized));
    }

    [Fact]
    public void A_graph_that_loses_its_fixed_batch_is_a_typed_error()
    {
        using var dir = new TempDirectory();
        File.Copy(Path.Combine(FixturePaths.Replicas, "broken", "fixed_batch_mismatch.onnx"), dir.Write("visual/model.onnx", []), overwrite: true);
        dir.Write("visual/preprocess_cfg.json", """{"size": [8, 8], "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5], "interpolation": "bicubic", "resize_mode": "squash"}"""u8.ToArray());
        using var encoder = new OnnxImageEncoder(ModelDirectory.Open(dir.Path));
        Assert.Equal(2, encoder.BatchSize);
        var tensor = new ImageTensor(new float[3 * 8 * 8], 3, 8, 8);
        var e = Assert.Throws<GraphBatchException>(() => encoder.Encode([tensor, tensor, tensor]));
        Assert.EndsWith(Path.Combine("visual", "model.onnx"), e.Graph);
        Assert.Equal("image", e.Input);
        Assert.Contains("fixed batch of 2", e.Message);
        Assert.Contains("dynamic batch axis", e.Message);
    }
}
