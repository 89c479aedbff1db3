namespace ResearchKit.Imaging;

/// <summary>Time spent in each stage of file-to-tensor preprocessing, accumulated over calls (for the benchmark's stage shares).</summary>
internal sealed class PreprocessStageTimes
{
    /// <summary>JPEG Huffman decoding of every scan into coefficients.</summary>
    public TimeSpan Entropy { get; set; }

    /// <summary>Dequantisation and inverse DCT into component planes.</summary>
    public TimeSpan Transform { get; set; }

    /// <summary>Chroma upsampling and YCbCr to RGBA.</summary>
    public TimeSpan Color { get; set; }

    /// <summary>The resampler's horizontal pass.</summary>
    public TimeSpan Horizontal { get; set; }

    /// <summary>The vertical pass and writing the normalised tensor.</summary>
    public TimeSpan Vertical { get; set; }
}
