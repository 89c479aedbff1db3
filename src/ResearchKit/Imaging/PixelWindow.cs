namespace ResearchKit.Imaging;

/// <summary>A rectangle of output pixels, so a resize followed by a crop computes only what the crop keeps.</summary>
public readonly record struct PixelWindow(int X, int Y, int Width, int Height)
{
    public static PixelWindow Full(int width, int height) => new(0, 0, width, height);
}
