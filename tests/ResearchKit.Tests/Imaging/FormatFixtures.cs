namespace ResearchKit.Tests.Imaging;

/// <summary>tests/fixtures/formats: small files in every supported format plus Pillow's decode of each (see make_formats.py).</summary>
public static class FormatFixtures
{
    public static string Directory { get; } = Path.Combine(Path.GetDirectoryName(FixturePaths.Reference)!, "formats");

    public static string File(string name) => Path.Combine(Directory, name);

    public static byte[] Expected(string name) => System.IO.File.ReadAllBytes(File(name));

    /// <summary>Pixel source of the synthetic pattern (37x23).</summary>
    public const int Width = 37;
    public const int Height = 23;
}
