using ResearchKit.Imaging;

namespace ResearchKit.Search;

/// <summary>
/// Which sub-images crop re-ranking embeds: a <see cref="Grid"/> x <see cref="Grid"/> grid of cells, each
/// widened by <see cref="Overlap"/> (a fraction of the cell) and clipped to the image, plus optionally one
/// cell-sized crop in the centre. The default (grid 2, no overlap, centre) gives five crops: the centre and
/// the four quadrants.
/// </summary>
public sealed record CropLayout(int Grid = 2, double Overlap = 0.0, bool Center = true)
{
    /// <summary>Crops per image.</summary>
    public int Count => Grid * Grid + (Center ? 1 : 0);

    /// <summary>A short name that changes whenever the crops change; names the crop cache.</summary>
    public string Key => FormattableString.Invariant($"g{Grid}-o{Overlap:0.###}-{(Center ? "c" : "nc")}");

    /// <summary>Checks the settings, naming the bad field.</summary>
    public CropLayout Validate()
    {
        if (Grid is < 1 or > 8) throw new ArgumentOutOfRangeException(nameof(Grid), Grid, "crop grid must be 1 to 8 cells per side.");
        if (Overlap is < 0 or >= 1 || double.IsNaN(Overlap)) throw new ArgumentOutOfRangeException(nameof(Overlap), Overlap, "crop overlap is a fraction of a cell in [0, 1).");
        if (Count < 1) throw new ArgumentException("the crop layout yields no crops; use grid >= 1 or center = true.");
        return this;
    }

    /// <summary>The pixel windows of the crops of a <paramref name="width"/> x <paramref name="height"/> image, centre first.</summary>
    public IReadOnlyList<PixelWindow> Windows(int width, int height)
    {
        Validate();
        var windows = new List<PixelWindow>(Count);
        double cellW = (double)width / Grid, cellH = (double)height / Grid;
        if (Center) windows.Add(Window((width - cellW) / 2, (height - cellH) / 2, cellW, cellH, width, height));
        for (var row = 0; row < Grid; row++)
            for (var col = 0; col < Grid; col++)
            {
                double padW = cellW * Overlap / 2, padH = cellH * Overlap / 2;
                windows.Add(Window(col * cellW - padW, row * cellH - padH, cellW + 2 * padW, cellH + 2 * padH, width, height));
            }
        return windows;
    }

    private static PixelWindow Window(double x, double y, double w, double h, int width, int height)
    {
        var left = Math.Clamp((int)Math.Round(x), 0, width - 1);
        var top = Math.Clamp((int)Math.Round(y), 0, height - 1);
        var right = Math.Clamp((int)Math.Round(x + w), left + 1, width);
        var bottom = Math.Clamp((int)Math.Round(y + h), top + 1, height);
        return new PixelWindow(left, top, right - left, bottom - top);
    }
}
