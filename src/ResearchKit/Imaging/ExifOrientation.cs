namespace ResearchKit.Imaging;

/// <summary>Applies an EXIF orientation (1-8) to pixels, as Pillow's <c>ImageOps.exif_transpose</c> would.</summary>
public static class ExifOrientation
{
    /// <summary>Returns the image as it should be displayed; orientation 1 or unknown values return it unchanged.</summary>
    public static RgbaImage Apply(RgbaImage image, int orientation)
    {
        if (orientation is < 2 or > 8) return image;
        int w = image.Width, h = image.Height;
        var swap = orientation >= 5;
        var result = new RgbaImage(swap ? h : w, swap ? w : h, image.Mode);
        var src = image.Pixels;
        var dst = result.Pixels;
        var outW = result.Width;
        for (var y = 0; y < result.Height; y++)
        for (var x = 0; x < outW; x++)
        {
            var (sx, sy) = orientation switch
            {
                2 => (w - 1 - x, y),          // mirror left-right
                3 => (w - 1 - x, h - 1 - y),  // rotate 180
                4 => (x, h - 1 - y),          // mirror top-bottom
                5 => (y, x),                  // transpose
                6 => (y, h - 1 - x),          // rotate 90 clockwise
                7 => (w - 1 - y, h - 1 - x),  // transverse
                _ => (w - 1 - y, x),          // 8: rotate 90 counter-clockwise
            };
            Buffer.BlockCopy(src, (sy * w + sx) * 4, dst, (y * outW + x) * 4, 4);
        }
        return result;
    }
}
