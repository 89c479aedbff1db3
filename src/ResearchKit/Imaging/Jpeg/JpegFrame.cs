namespace ResearchKit.Imaging.Jpeg;

/// <summary>The SOF header: image size, coding process and components, with libjpeg's derived sizes.</summary>
internal sealed class JpegFrame
{
    private JpegFrame(int width, int height, bool progressive, JpegComponent[] components)
    {
        Width = width;
        Height = height;
        Progressive = progressive;
        Components = components;
        MaxHorizontal = components.Max(c => c.Horizontal);
        MaxVertical = components.Max(c => c.Vertical);
        McusAcross = DivideUp(width, 8 * MaxHorizontal);
        McusDown = DivideUp(height, 8 * MaxVertical);
        foreach (var c in components)
        {
            c.WidthInBlocks = (int)DivideUp((long)width * c.Horizontal, 8L * MaxHorizontal);
            c.HeightInBlocks = (int)DivideUp((long)height * c.Vertical, 8L * MaxVertical);
            c.BlocksPerLine = Math.Max(McusAcross * c.Horizontal, c.WidthInBlocks);
            c.BlocksPerColumn = Math.Max(McusDown * c.Vertical, c.HeightInBlocks);
        }
        SetScale(1);
    }

    /// <summary>1, 2, 4 or 8: decoding at 1/scale (libjpeg's DCT scaling, scale_num/scale_denom).</summary>
    public int Scale { get; private set; }

    /// <summary>Smallest IDCT output size of any component: 8 / <see cref="Scale"/> (libjpeg's min_DCT_scaled_size).</summary>
    public int MinDctSize => 8 / Scale;

    /// <summary>Output size at the decoding scale: ceil(size / scale).</summary>
    public int OutputWidth { get; private set; }
    public int OutputHeight { get; private set; }

    /// <summary>
    /// Sets the decoding scale. As jdmaster.c does, a subsampled component's IDCT output grows (up to 8) while
    /// that removes a factor of two of upsampling, so at reduced scales chroma is often not upsampled at all.
    /// </summary>
    public void SetScale(int scale)
    {
        if (scale is not (1 or 2 or 4 or 8)) throw new ArgumentOutOfRangeException(nameof(scale), scale, "1, 2, 4 or 8");
        Scale = scale;
        OutputWidth = DivideUp(Width, scale);
        OutputHeight = DivideUp(Height, scale);
        var min = MinDctSize;
        foreach (var c in Components)
        {
            var size = min;
            while (size < 8 && MaxHorizontal * min % (c.Horizontal * size * 2) == 0 && MaxVertical * min % (c.Vertical * size * 2) == 0)
                size *= 2;
            c.DctSize = size;
            c.SampleWidth = (int)DivideUp((long)Width * c.Horizontal * size, MaxHorizontal * 8L);
            c.SampleHeight = (int)DivideUp((long)Height * c.Vertical * size, MaxVertical * 8L);
        }
    }

    public int Width { get; }
    public int Height { get; }
    /// <summary>SOF2: coefficients arrive over several scans.</summary>
    public bool Progressive { get; }
    public JpegComponent[] Components { get; }
    public int MaxHorizontal { get; }
    public int MaxVertical { get; }
    /// <summary>MCUs per row and MCU rows of an interleaved scan.</summary>
    public int McusAcross { get; }
    public int McusDown { get; }

    /// <summary>Parses a SOF0/SOF1/SOF2 segment body (after the length).</summary>
    public static JpegFrame Parse(ReadOnlySpan<byte> body, bool progressive)
    {
        if (body.Length < 6) throw new UnsupportedJpegException("short SOF");
        if (body[0] != 8) throw new UnsupportedJpegException($"{body[0]}-bit samples");
        var height = (body[1] << 8) | body[2];
        var width = (body[3] << 8) | body[4];
        var count = body[5];
        if (width == 0 || height == 0) throw new UnsupportedJpegException("height defined by DNL or empty image");
        if (count is not (1 or 3)) throw new UnsupportedJpegException($"{count} components");
        if (body.Length < 6 + 3 * count) throw new UnsupportedJpegException("short SOF");
        var components = new JpegComponent[count];
        for (var i = 0; i < count; i++)
        {
            var p = body[(6 + 3 * i)..];
            var (h, v) = (p[1] >> 4, p[1] & 15);
            if (h is < 1 or > 4 || v is < 1 or > 4 || p[2] > 3) throw new UnsupportedJpegException("bad sampling factors");
            var id = p[0];
            if (components.Take(i).Any(c => c.Id == id)) throw new UnsupportedJpegException("duplicate component id");
            components[i] = new JpegComponent(id, h, v, p[2]);
        }
        return new JpegFrame(width, height, progressive, components);
    }

    private static int DivideUp(int a, int b) => (a + b - 1) / b;

    private static long DivideUp(long a, long b) => (a + b - 1) / b;
}
