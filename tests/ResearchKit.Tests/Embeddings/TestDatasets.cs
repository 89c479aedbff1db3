using SkiaSharp;

namespace ResearchKit.Tests.Embeddings;

/// <summary>Builds small dataset folders for indexing and search tests.</summary>
public static class TestDatasets
{
    /// <summary>The reference fixture images that decode (tiny and odd ones included), with a metadata.csv of titles and tags.</summary>
    public static void WriteFixtureImages(string folder)
    {
        var rows = new List<string> { "path,title,tags,kind" };
        foreach (var file in Directory.GetFiles(Path.Combine(FixturePaths.Reference, "images")).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            var kind = name.Split('_')[0];
            File.Copy(file, Path.Combine(folder, name));
            rows.Add($"{name},{Path.GetFileNameWithoutExtension(name).Replace('_', ' ')},{kind}|fixture,{kind}");
        }
        File.WriteAllLines(Path.Combine(folder, "metadata.csv"), rows);
    }

    /// <summary>Writes <paramref name="count"/> small distinct PNGs (colour blocks), for runs that need many files.</summary>
    public static void WriteGeneratedImages(string folder, int count, int size = 24)
    {
        Directory.CreateDirectory(folder);
        var random = new Random(7);
        for (var i = 0; i < count; i++)
        {
            using var bitmap = new SKBitmap(size, size);
            using (var canvas = new SKCanvas(bitmap))
            {
                canvas.Clear(new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)));
                using var paint = new SKPaint { Color = new SKColor((byte)random.Next(256), (byte)random.Next(256), (byte)random.Next(256)) };
                canvas.DrawRect(random.Next(size / 2), random.Next(size / 2), size / 2, size / 2, paint);
            }
            using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100);
            File.WriteAllBytes(Path.Combine(folder, $"gen_{i:D5}.png"), data.ToArray());
        }
    }
}
