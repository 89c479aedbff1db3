namespace ResearchKit.Imaging.Jpeg;

/// <summary>Delivers decoded rows straight into an <see cref="RgbaImage"/>'s pixels.</summary>
internal sealed class ImageRowSink(RgbaImage image) : IRgbaRowSink
{
    public int FirstRowNeeded => 0;
    public int RowsNeeded => image.Height;
    public Span<byte> Row(int y) => image.Pixels.AsSpan(y * image.Width * 4, image.Width * 4);
    public void Commit(int y) { }
}
