namespace ResearchKit.Imaging.Jpeg;

/// <summary>One colour component of a JPEG frame: its sampling, tables and decoded samples.</summary>
internal sealed class JpegComponent
{
    public JpegComponent(int id, int horizontal, int vertical, int quantTable)
    {
        Id = id;
        Horizontal = horizontal;
        Vertical = vertical;
        QuantTable = quantTable;
    }

    public int Id { get; }
    /// <summary>Horizontal sampling factor (1-4).</summary>
    public int Horizontal { get; }
    /// <summary>Vertical sampling factor (1-4).</summary>
    public int Vertical { get; }
    /// <summary>Which DQT slot the component uses.</summary>
    public int QuantTable { get; }

    /// <summary>Dequantisation multipliers in natural (row-major) order, latched at the component's first scan as libjpeg does.</summary>
    public int[]? Quant { get; set; }

    /// <summary>Samples each block's IDCT produces across and down: 8 at full scale, fewer when decoding at a reduced scale.</summary>
    public int DctSize { get; set; } = 8;

    /// <summary>Samples across and down before upsampling (libjpeg's downsampled_width/height, at the decoding scale).</summary>
    public int SampleWidth { get; set; }
    public int SampleHeight { get; set; }

    /// <summary>Blocks holding real samples (what a scan of this component alone codes).</summary>
    public int WidthInBlocks { get; set; }
    public int HeightInBlocks { get; set; }

    /// <summary>Blocks in the plane, padded to whole MCUs (interleaved scans also code the padding blocks).</summary>
    public int BlocksPerLine { get; set; }
    public int BlocksPerColumn { get; set; }

    /// <summary>Decoded 8-bit samples, <see cref="Stride"/> per row (pooled; returned by the decoder).</summary>
    public byte[] Plane { get; set; } = [];
    public int Stride => BlocksPerLine * DctSize;

    /// <summary>Whole-image coefficients for progressive or multi-scan files (pooled), 64 per block.</summary>
    public short[]? Coefficients { get; set; }

    /// <summary>Per coefficient, the lowest bit a scan has coded so far (-1 before any scan): libjpeg's coef_bits.</summary>
    public int[] CoefficientBits { get; } = Enumerable.Repeat(-1, 64).ToArray();

    public HuffmanTable? DcTable { get; set; }
    public HuffmanTable? AcTable { get; set; }
    public int DcPredictor { get; set; }
}
