using SkiaSharp;

namespace ResearchKit.Imaging;

/// <summary>Small PNG previews of dataset images, for HTML tables and chart hover labels in notebooks.</summary>
public static class Thumbnail
{
    /// <summary>PNG bytes of the image at <paramref name="path"/>, its longest side scaled down to <paramref name="size"/> (never up).</summary>
    /// <exception cref="ImageDecodeException">The file is not a readable image.</exception>
    public static byte[] Png(string path, int size = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        var image = ImageDecoder.Decode(path);
        var scale = Math.Min(1.0, size / (double)Math.Max(image.Width, image.Height));
        var info = new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var source = new SKBitmap(info);
        System.Runtime.InteropServices.Marshal.Copy(image.Pixels, 0, source.GetPixels(), image.Pixels.Length);
        var target = new SKImageInfo(Math.Max(1, (int)Math.Round(image.Width * scale)), Math.Max(1, (int)Math.Round(image.Height * scale)), SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var small = scale < 1 ? source.Resize(target, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)) : source.Copy();
        using var encoded = small.Encode(SKEncodedImageFormat.Png, 100);
        return encoded.ToArray();
    }

    /// <summary>The thumbnail as a <c>data:image/png;base64,…</c> URI, for an <c>img</c> tag or a Plotly layout image.</summary>
    public static string DataUri(string path, int size = 64) => "data:image/png;base64," + Convert.ToBase64String(Png(path, size));
}
