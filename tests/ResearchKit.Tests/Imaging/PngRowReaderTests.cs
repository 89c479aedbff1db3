using ResearchKit.Imaging;
using ResearchKit.Tests.Service;

namespace ResearchKit.Tests.Imaging;

/// <summary>The streaming PNG row reader agrees with Skia's whole-image decode for every colour type, bit depth and filter.</summary>
public sealed class PngRowReaderTests
{
    public static TheoryData<int, int> Layouts => new()
    {
        { 0, 1 }, { 0, 2 }, { 0, 4 }, { 0, 8 }, { 0, 16 },
        { 2, 8 }, { 2, 16 },
        { 3, 1 }, { 3, 2 }, { 3, 4 }, { 3, 8 },
        { 4, 8 }, { 4, 16 },
        { 6, 8 }, { 6, 16 },
    };

    [Theory]
    [MemberData(nameof(Layouts))]
    public void Rows_match_the_full_decode(int colorType, int depth)
    {
        const int width = 23, height = 11;
        var random = new Random(colorType * 100 + depth);
        var channels = colorType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, _ => 4 };
        var max = (1 << depth) - 1;
        var values = Enumerable.Range(0, width * height).Select(_ => Enumerable.Range(0, channels).Select(_ => random.Next(max + 1)).ToArray()).ToArray();
        byte[]? palette = null;
        if (colorType == 3)
        {
            palette = new byte[3 << depth];
            random.NextBytes(palette);
        }
        var png = SyntheticPng.Encode(width, height, colorType, depth, (x, y) => values[y * width + x], palette);

        var full = ImageDecoder.Decode(png, "layout.png");
        using var rows = PngRowReader.Open(png, "layout.png")!;
        var row = new byte[width * rows.Channels];
        for (var y = 0; y < height; y++)
        {
            rows.Read(row);
            for (var x = 0; x < width; x++)
                for (var c = 0; c < (rows.Channels == 3 ? 3 : 4); c++)
                {
                    var expected = full.Pixels[(y * width + x) * 4 + c];
                    var actual = row[x * rows.Channels + c];
                    // 16-bit samples: the high byte here, Skia may round; within one step.
                    Assert.True(Math.Abs(expected - actual) <= (depth == 16 ? 1 : 0), $"type {colorType}/{depth} bit at ({x},{y}) channel {c}: Skia {expected}, rows {actual}");
                }
        }
        Assert.Equal(colorType is 4 or 6, rows.HasAlpha);
    }

    [Fact]
    public void A_truncated_png_is_a_decode_error_not_a_crash()
    {
        var png = SyntheticPng.Encode(40, 40, 2, 8, (x, y) => [x, y, 7]);
        var cut = png[..(png.Length / 2)];

        Assert.Throws<ImageDecodeException>(() =>
        {
            using var rows = PngRowReader.Open(cut, "cut.png");
            var row = new byte[40 * 3];
            for (var y = 0; y < 40; y++) rows!.Read(row);
        });
    }
}
