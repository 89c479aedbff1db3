using ResearchKit.Imaging;

namespace ResearchKit.Tests.Replicas;

/// <summary>
/// Immich's image path (decode, convert to RGB, squash or shortest-side resize with the configured filter, crop at
/// <c>int(side / 2 - size / 2)</c>, divide by 255, normalize in float32) against Pillow running Immich's own steps:
/// tests/fixtures/replicas/pixels/immich_{mode}_{size}/*.png hold the resized RGB bytes make_replicas.py got from
/// Pillow, and the reference tensor is Immich's float32 arithmetic on them.
/// </summary>
public sealed class ImmichPreprocessingTests
{
    private static readonly float[] Mean = [0.48145466f, 0.4578275f, 0.40821073f];
    private static readonly float[] Std = [0.26862954f, 0.26130258f, 0.27577711f];

    public static TheoryData<string, int, string> Cases()
    {
        var data = new TheoryData<string, int, string>();
        foreach (var (mode, size) in new[] { ("squash", 224), ("squash", 384), ("shortest", 224) })
            foreach (var image in ReplicaReference.Instance.Images)
                data.Add(mode, size, image);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Immich_modes_match_pillow_running_immich_steps(string mode, int size, string image)
    {
        using var dir = new TempDirectory();
        var config = PreprocessConfig.FromImmich(dir.Write("preprocess_cfg.json", System.Text.Encoding.UTF8.GetBytes(
            $$"""{"size": [{{size}}, {{size}}], "mode": "RGB", "mean": [0.48145466, 0.4578275, 0.40821073], "std": [0.26862954, 0.26130258, 0.27577711], "interpolation": "bicubic", "resize_mode": "{{mode}}", "fill_color": 0}""")));
        var actual = new ImagePreprocessor(config).Process(FixturePaths.Image(image));
        Assert.Equal((3, size, size), (actual.Channels, actual.Height, actual.Width));

        var rgb = ImageDecoder.Decode(Path.Combine(FixturePaths.Replicas, "pixels", $"immich_{mode}_{size}", image + ".png"));
        Assert.Equal((size, size), (rgb.Width, rgb.Height));
        var plane = size * size;
        double worst = 0, sum = 0;
        for (var c = 0; c < 3; c++)
        {
            // Immich: np.asarray(float32) / 255.0; img *= 1.0 / std; img -= mean / std (all float32).
            var scale = 1.0f / Std[c];
            var shift = Mean[c] / Std[c];
            for (var i = 0; i < plane; i++)
            {
                var expected = rgb.Pixels[i * 4 + c] / 255.0f * scale - shift;
                var diff = Math.Abs(expected - actual.Data[c * plane + i]);
                worst = Math.Max(worst, diff);
                sum += diff;
            }
        }
        // The reference fixtures' tolerances (one grey level; JPEG decoders may differ by that much).
        Assert.True(worst <= 0.02, $"{mode} {size} {image}: max |diff| {worst}");
        Assert.True(sum / (3 * plane) <= 0.002, $"{mode} {size} {image}: mean |diff| {sum / (3 * plane)}");
    }

    [Fact]
    public void Squash_and_shortest_read_as_immich_applies_them()
    {
        using var dir = new TempDirectory();
        var squash = PreprocessConfig.FromImmich(dir.Write("a.json", """{"size": [384, 384], "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5], "interpolation": "bilinear", "resize_mode": "squash"}"""u8.ToArray()));
        Assert.Equal((ResizeMode.Exact, 384, 384, false, ResamplingFilter.Bilinear, ColorConversionOrder.ConvertThenResize),
            (squash.Resize, squash.Width, squash.Height, squash.CenterCrop, squash.Filter, squash.Order));

        // Older configs have no resize_mode: Immich reads .get("resize_mode", "shortest").
        var shortest = PreprocessConfig.FromImmich(dir.Write("b.json", """{"size": 224, "mean": [0.5, 0.5, 0.5], "std": [0.5, 0.5, 0.5], "interpolation": "bicubic"}"""u8.ToArray()));
        Assert.Equal((ResizeMode.ShortestEdge, 224, LongSideRule.RatioFirst, true, CropRounding.Truncate),
            (shortest.Resize, shortest.ShortestEdge, shortest.LongSide, shortest.CenterCrop, shortest.CropRounding));
        Assert.NotEqual(squash.Describe(), shortest.Describe());
    }

    [Theory]
    [InlineData("""{"size": [224, 224], "interpolation": "bicubic", "resize_mode": "longest"}""", "resize_mode 'longest'")]
    [InlineData("""{"size": [224, 224], "interpolation": "magic", "resize_mode": "squash"}""", "interpolation 'magic'")]
    [InlineData("""{"interpolation": "bicubic", "resize_mode": "squash"}""", "'size' is missing")]
    [InlineData("""{"size": [224, 256], "resize_mode": "squash"}""", "only square")]
    [InlineData("""[1, 2]""", "JSON object")]
    public void Bad_preprocess_configs_are_typed_errors_naming_the_file(string json, string reason)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("preprocess_cfg.json", System.Text.Encoding.UTF8.GetBytes(json));
        var e = Assert.Throws<PreprocessConfigException>(() => PreprocessConfig.FromImmich(path));
        Assert.Contains(path, e.Message);
        Assert.Contains(reason, e.Message);
        if (reason.StartsWith("resize_mode", StringComparison.Ordinal)) Assert.Contains("squash, shortest", e.Message);
    }
}
