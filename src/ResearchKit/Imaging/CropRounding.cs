namespace ResearchKit.Imaging;

/// <summary>How a center crop places its window when the margin is odd (and where padding goes when the crop is larger).</summary>
public enum CropRounding
{
    /// <summary>Hugging Face: offset <c>(size - crop) // 2</c>, floor division also when padding.</summary>
    Floor,
    /// <summary>torchvision: offset <c>round((size - crop) / 2)</c>, half to even; padding puts <c>(crop - size) // 2</c> before.</summary>
    HalfToEven,
    /// <summary>Immich: offset <c>int(size / 2 - crop / 2)</c>, truncated toward zero.</summary>
    Truncate,
}

internal static class CropRoundingExtensions
{
    /// <summary>Top (or left) offset of the crop window in source coordinates; negative means padding before.</summary>
    public static int Offset(this CropRounding rounding, int size, int crop) => rounding switch
    {
        CropRounding.Floor => (int)Math.Floor((size - crop) / 2.0),
        CropRounding.HalfToEven when size >= crop => (int)Math.Round((size - crop) / 2.0, MidpointRounding.ToEven),
        CropRounding.HalfToEven => -((crop - size) / 2),
        CropRounding.Truncate => (int)(size / 2.0 - crop / 2.0),
        _ => throw new ArgumentOutOfRangeException(nameof(rounding)),
    };
}
