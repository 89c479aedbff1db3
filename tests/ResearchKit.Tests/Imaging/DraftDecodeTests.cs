using ResearchKit.Embeddings;
using ResearchKit.Imaging;
using ResearchKit.Models;
using ResearchKit.Tests.Cli;
using SkiaSharp;

namespace ResearchKit.Tests.Imaging;

/// <summary>Draft decoding (ImageLoadOptions.Draft / --draft): Pillow's scale rule, opt-in, JPEG only, recorded in the space identity.</summary>
public sealed class DraftDecodeTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>A large JPEG made from a fixture photo (SkiaSharp's encoder, so the bytes are the same on every run).</summary>
    internal static byte[] LargeJpeg(int width, int height)
    {
        using var photo = SKBitmap.Decode(FixturePaths.Image("photo_astronaut.jpg"));
        using var large = photo.Resize(new SKImageInfo(width, height), new SKSamplingOptions(SKCubicResampler.Mitchell));
        using var data = large.Encode(SKEncodedImageFormat.Jpeg, 90);
        return data.ToArray();
    }

    [Theory]
    [InlineData(4000, 3000, 224, 224, 8)]
    [InlineData(1024, 768, 224, 224, 2)]   // min(1024 // 224, 768 // 224) = 3: the largest of 8, 4, 2 not above it
    [InlineData(2000, 1500, 341, 256, 4)]
    [InlineData(447, 447, 224, 224, 1)]
    [InlineData(448, 448, 224, 224, 2)]
    public void The_scale_follows_Pillows_draft_rule(int width, int height, int targetWidth, int targetHeight, int scale)
    {
        var on = new ImageLoadOptions { Draft = true };
        Assert.Equal(scale, ImageDecoder.DraftScale((width, height), on, (_, _) => (targetWidth, targetHeight)));
        Assert.Equal(1, ImageDecoder.DraftScale((width, height), new ImageLoadOptions(), (_, _) => (targetWidth, targetHeight)));
    }

    [Fact]
    public void A_drafted_jpeg_is_decoded_smaller_then_resized_to_the_exact_geometry()
    {
        var bytes = LargeJpeg(1800, 1350);
        var config = PixelParityTests.ConfigFor("dinov2");
        var exact = new ImagePreprocessor(config).Process(bytes, "large.jpg");
        var draft = new ImagePreprocessor(config, new ImageLoadOptions { Draft = true }).Process(bytes, "large.jpg");
        Assert.Equal(exact.Shape, draft.Shape);
        var worst = exact.Data.Zip(draft.Data, (a, b) => Math.Abs(a - b)).Max();
        Assert.True(worst > 0, "draft decoding did not change the pixels, so it did not run");
        Assert.True(Cosine(exact.Data, draft.Data) > 0.99, $"cosine {Cosine(exact.Data, draft.Data)}");

        // The streamed draft equals the general path: SkiaSharp's scaled decode, then the resize.
        var options = new ImageLoadOptions { Draft = true };
        var decoded = ImageDecoder.DecodeWithSkia(bytes, "large.jpg", options, config.ResizedSize, out var full);
        Assert.Equal((1800 / 4 + (1800 % 4 > 0 ? 1 : 0), 1350 / 4 + (1350 % 4 > 0 ? 1 : 0)), (decoded.Width, decoded.Height));
        Assert.Equal((1800, 1350), full);
    }

    [Fact]
    public void Draft_leaves_other_formats_and_small_jpegs_alone()
    {
        var config = PixelParityTests.ConfigFor("siglip224");
        foreach (var file in new[] { FixturePaths.Image("gradient.png"), FixturePaths.Image("exif_rotated.jpg") })
        {
            var bytes = File.ReadAllBytes(file);
            var exact = new ImagePreprocessor(config).Process(bytes, file);
            var draft = new ImagePreprocessor(config, new ImageLoadOptions { Draft = true }).Process(bytes, file);
            Assert.Equal(exact.Data, draft.Data);
        }
    }

    [Fact]
    public void The_space_identity_records_draft_so_drafted_and_exact_vectors_never_mix()
    {
        var model = FixturePaths.Model("siglip-tiny");
        using var exact = EmbeddingModel.Open(model);
        using var draft = EmbeddingModel.Open(model, new EmbeddingModelOptions { ImageLoad = new ImageLoadOptions { Draft = true } });
        Assert.NotEqual(exact.Identity.Fingerprint, draft.Identity.Fingerprint);
        Assert.Equal("draft JPEG decoding was off and is now on", draft.Identity.DifferenceFrom(exact.Identity));
        Assert.True(SpaceIdentity.Of(draft).ModelOptions().ImageLoad.Draft);
    }

    [Fact]
    public void The_cli_draft_option_reaches_the_preprocessing()
    {
        var image = Path.Combine(_dir.Path, "large.jpg");
        File.WriteAllBytes(image, LargeJpeg(1200, 900));
        var plainOut = Path.Combine(_dir.Path, "plain.bin");
        var draftOut = Path.Combine(_dir.Path, "draft.bin");
        var plain = CliRun.Invoke("preprocess", image, "--model", FixturePaths.Model("siglip-tiny"), "--out", plainOut);
        var draft = CliRun.Invoke("preprocess", image, "--model", FixturePaths.Model("siglip-tiny"), "--out", draftOut, "--draft");
        Assert.True(plain.ExitCode == 0 && draft.ExitCode == 0, plain.Error + draft.Error);
        Assert.Equal(plain.Out, draft.Out);  // same shape
        Assert.NotEqual(File.ReadAllBytes(plainOut), File.ReadAllBytes(draftOut));
        var embedded = CliRun.Invoke("embed", image, "--model", FixturePaths.Model("siglip-tiny"), "--draft");
        Assert.True(embedded.ExitCode == 0, embedded.Error);
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += (double)a[i] * b[i];
            na += (double)a[i] * a[i];
            nb += (double)b[i] * b[i];
        }
        return dot / Math.Sqrt(na * nb);
    }
}
