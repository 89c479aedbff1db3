using ResearchKit.Imaging;

namespace ResearchKit.Tests.Imaging;

/// <summary>
/// Our tensors against the reference Python processors' tensors, for every fixture image and processor,
/// within the fixtures' stated tolerances (max |diff| 0.02, mean 0.002 in normalized units).
/// </summary>
public sealed class PixelParityTests
{
    public const double MaxTolerance = 0.02;
    public const double MeanTolerance = 0.002;

    /// <summary>The config each reference processor corresponds to, read from the fixture model files.</summary>
    public static PreprocessConfig ConfigFor(string processor)
    {
        var siglip = PreprocessConfig.FromHuggingFace(Path.Combine(FixturePaths.Model("siglip-tiny"), "preprocessor_config.json"));
        return processor switch
        {
            "siglip224" => siglip,
            "siglip384" => siglip with { Width = 384, Height = 384 },
            "siglip2_224_bilinear" => siglip with { Filter = ResamplingFilter.Bilinear },
            "dinov2" => PreprocessConfig.FromHuggingFace(Path.Combine(FixturePaths.Model("dinov2-tiny"), "preprocessor_config.json")),
            "eva02clip" => PreprocessConfig.FromOpenClip(Path.Combine(FixturePaths.Model("eva02-clip-tiny"), "open_clip_config.json")),
            _ => throw new ArgumentException(processor),
        };
    }

    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var processor in new[] { "siglip224", "siglip384", "siglip2_224_bilinear", "dinov2", "eva02clip" })
            foreach (var image in ReferenceManifest.Images)
                if (ReferenceManifest.HasPixels(processor, image))
                    data.Add(processor, image);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Pixels_match_the_reference_processor(string processor, string image)
    {
        var expected = ReferenceManifest.Pixels(processor, image);
        var actual = new ImagePreprocessor(ConfigFor(processor)).Process(FixturePaths.Image(image));

        Assert.Equal(expected.Shape, actual.Shape);
        double worst = 0, sum = 0;
        for (var i = 0; i < expected.Data.Length; i++)
        {
            var d = Math.Abs(expected.Data[i] - actual.Data[i]);
            worst = Math.Max(worst, d);
            sum += d;
        }
        var mean = sum / expected.Data.Length;
        Assert.True(worst <= MaxTolerance, $"{processor}/{image}: max |diff| {worst:F5} > {MaxTolerance}");
        Assert.True(mean <= MeanTolerance, $"{processor}/{image}: mean |diff| {mean:F6} > {MeanTolerance}");
    }

    [Fact]
    public void Every_reference_tensor_is_covered()
    {
        var covered = Cases().Count();
        var stored = ReferenceManifest.Root.GetProperty("tensors").EnumerateObject().Count(p => p.Name.StartsWith("pixels/", StringComparison.Ordinal));
        Assert.Equal(stored, covered);
    }
}
