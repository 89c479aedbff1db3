using ResearchKit.Imaging;
using SkiaSharp;

namespace ResearchKit.Kernel.Scripting.Display;

/// <summary>Shows SkiaSharp bitmaps and images, ResearchKit <see cref="RgbaImage"/>s and PNG bytes as image/png.</summary>
public sealed class ImageFormatter : IDisplayFormatter
{
    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public bool TryFormat(object value, IDictionary<string, object> data)
    {
        byte[]? png = value switch
        {
            byte[] bytes when bytes.AsSpan().StartsWith(PngSignature) => bytes,
            SKBitmap bitmap => Encode(SKImage.FromBitmap(bitmap)),
            SKImage image => Encode(image),
            RgbaImage rgba => EncodeRgba(rgba),
            _ => null,
        };
        if (png is null) return false;
        data["image/png"] = Convert.ToBase64String(png);
        data["text/plain"] = value is RgbaImage r ? $"RgbaImage {r.Width}x{r.Height}" : $"{value.GetType().Name} ({png.Length} bytes PNG)";
        return true;
    }

    /// <summary>PNG bytes of a ResearchKit image (straight alpha).</summary>
    public static byte[] EncodeRgba(RgbaImage image)
    {
        var info = new SKImageInfo(image.Width, image.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var data = SKData.CreateCopy(image.Pixels);
        using var skImage = SKImage.FromPixels(info, data, info.RowBytes);
        return Encode(skImage, dispose: false);
    }

    private static byte[] Encode(SKImage image, bool dispose = true)
    {
        try
        {
            using var encoded = image.Encode(SKEncodedImageFormat.Png, 100);
            return encoded.ToArray();
        }
        finally
        {
            if (dispose) image.Dispose();
        }
    }
}
