namespace ResearchKit.Imaging;

/// <summary>
/// The arithmetic for the long side of a shortest-edge resize. Both truncate, but floating-point order
/// makes them differ by a pixel on some sizes, and a pixel of size moves every resampling weight.
/// </summary>
public enum LongSideRule
{
    /// <summary><c>int(size * long / short)</c>: Hugging Face and torchvision.</summary>
    ProductFirst,
    /// <summary><c>int(long / short * size)</c>: Immich's machine-learning service.</summary>
    RatioFirst,
}
