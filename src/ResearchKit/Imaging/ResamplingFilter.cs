namespace ResearchKit.Imaging;

/// <summary>
/// Resampling filters with the numbering Pillow uses (and that Hugging Face's <c>resample</c> field stores).
/// </summary>
public enum ResamplingFilter
{
    Nearest = 0,
    Lanczos = 1,
    Bilinear = 2,
    Bicubic = 3,
    Box = 4,
    Hamming = 5,
}
