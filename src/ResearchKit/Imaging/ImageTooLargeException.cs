namespace ResearchKit.Imaging;

/// <summary>An image's header declares more pixels than the configured limit (a decompression-bomb guard).</summary>
public sealed class ImageTooLargeException : ResearchKitException
{
    public ImageTooLargeException(string source, int width, int height, long maxPixels)
        : base($"{source}: {width}x{height} = {(long)width * height:N0} pixels exceeds the limit of {maxPixels:N0}. " +
               "If the file is genuine, raise ImageLoadOptions.MaxPixels; otherwise it may be a decompression bomb.")
    {
        Source = source;
        Width = width;
        Height = height;
        MaxPixels = maxPixels;
    }

    public new string Source { get; }
    public int Width { get; }
    public int Height { get; }
    public long MaxPixels { get; }
}
