namespace ResearchKit.Imaging;

/// <summary>
/// Pillow's RGBA &lt;-&gt; RGBa conversions, which <c>Image.resize</c> wraps around a resize of an image with
/// alpha so transparent pixels do not bleed their colour. Integer arithmetic as Pillow does it, so a
/// premultiply-resize-unpremultiply round trip lands on the same bytes.
/// </summary>
public static class AlphaPremultiplication
{
    /// <summary>Multiplies colour by alpha in place: <c>c * a / 255</c> rounded as Pillow's MULDIV255.</summary>
    public static void Premultiply(RgbaImage image)
    {
        var p = image.Pixels;
        for (var i = 0; i < p.Length; i += 4)
        {
            int alpha = p[i + 3];
            if (alpha == 255) continue;
            p[i] = MulDiv255(p[i], alpha);
            p[i + 1] = MulDiv255(p[i + 1], alpha);
            p[i + 2] = MulDiv255(p[i + 2], alpha);
        }
    }

    /// <summary>Divides colour by alpha in place; fully transparent and opaque pixels keep their bytes.</summary>
    public static void Unpremultiply(RgbaImage image)
    {
        var p = image.Pixels;
        for (var i = 0; i < p.Length; i += 4)
        {
            int alpha = p[i + 3];
            if (alpha is 255 or 0) continue;
            p[i] = (byte)Math.Min(255, 255 * p[i] / alpha);
            p[i + 1] = (byte)Math.Min(255, 255 * p[i + 1] / alpha);
            p[i + 2] = (byte)Math.Min(255, 255 * p[i + 2] / alpha);
        }
    }

    private static byte MulDiv255(int a, int b)
    {
        var t = a * b + 128;
        return (byte)(((t >> 8) + t) >> 8);
    }
}
