using System.Text.Json;
using SkiaSharp;

namespace ResearchKit.Tests.Cli;

/// <summary>
/// A prepared emoji test collection in miniature, laid out as data/emoji/prepare.py writes it (train and heldout splits with
/// metadata.csv, and the four query files), with drawn 64 px images instead of the npm emoji sets, so the demo can
/// run end to end without npm, the network or the 212 MB collection.
/// </summary>
public static class MiniEmojiCollection
{
    private static readonly string[] TrainSets = ["noto", "fluent", "openmoji"];

    private static readonly (string Hex, string Label, string Tag)[] Emoji =
    [
        ("1F34E", "red apple", "fruit"), ("1F431", "cat face", "animal"), ("1F680", "rocket", "travel"), ("1F355", "pizza", "food"),
        ("1F60D", "smiling face with heart-eyes", "face"), ("2764", "red heart", "heart"), ("1F34C", "banana", "fruit"),
        ("1F436", "dog face", "animal"), ("1F697", "automobile", "travel"), ("1F354", "hamburger", "food"), ("1F600", "grinning face", "face"),
        ("1F49A", "green heart", "heart"), ("1F347", "grapes", "fruit"), ("1F42D", "mouse face", "animal"), ("2708", "airplane", "travel"),
        ("1F35F", "french fries", "food"), ("1F622", "crying face", "face"), ("1F499", "blue heart", "heart"), ("1F352", "cherries", "fruit"),
        ("1F43C", "panda", "animal"),
    ];

    /// <summary>Writes the benchmark under <paramref name="root"/> (train/, heldout/, queries/).</summary>
    public static void Write(string root)
    {
        var rows = new Dictionary<string, List<string>> { ["train"] = [], ["heldout"] = [] };
        for (var e = 0; e < Emoji.Length; e++)
            foreach (var set in TrainSets.Append("twemoji"))
            {
                var split = set == "twemoji" ? "heldout" : "train";
                var relative = $"images/{set}/{Emoji[e].Hex}.png";
                Draw(Path.Combine(root, split, relative), e, Array.IndexOf(TrainSets, set) + 1);
                rows[split].Add($"{set}/{Emoji[e].Hex},{relative},{set},{Emoji[e].Hex},,{Emoji[e].Label},{Emoji[e].Tag},mini,mini");
            }
        foreach (var (split, lines) in rows)
            File.WriteAllLines(Path.Combine(root, split, "metadata.csv"), ["id,path,set,hexcode,emoji,label,tags,group,subgroup", .. lines]);

        var queries = Directory.CreateDirectory(Path.Combine(root, "queries")).FullName;
        string[] TrainIds(string hex) => [.. TrainSets.Select(s => $"{s}/{hex}")];
        WriteQueries(Path.Combine(queries, "text_label.jsonl"), Emoji.Select(x => (object)new { gallery = "heldout", text = x.Label, relevant = new[] { $"twemoji/{x.Hex}" } }));
        WriteQueries(Path.Combine(queries, "text_tag.jsonl"), Emoji.GroupBy(x => x.Tag).Select(g => (object)new { gallery = "heldout", text = g.Key, relevant = g.Select(x => $"twemoji/{x.Hex}").ToArray() }));
        WriteQueries(Path.Combine(queries, "image_cross.jsonl"), Emoji.Select(x => (object)new { gallery = "train", image = $"twemoji/{x.Hex}", image_split = "heldout", relevant = TrainIds(x.Hex) }));
        WriteQueries(Path.Combine(queries, "train_text_label.jsonl"), Emoji.Select(x => (object)new { gallery = "train", text = x.Label, relevant = TrainIds(x.Hex) }));
    }

    // One colour and shape per emoji; each drawing set shifts it a little, as the real sets draw one emoji differently.
    private static void Draw(string path, int emoji, int style)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var bitmap = new SKBitmap(64, 64);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.White);
            var hue = emoji * 360f / Emoji.Length;
            using var paint = new SKPaint { Color = SKColor.FromHsv(hue, 80, 90 - style * 5), IsAntialias = true };
            var inset = 8 + style * 2;
            if (emoji % 2 == 0) canvas.DrawCircle(32, 32, 32 - inset, paint);
            else canvas.DrawRect(inset, inset, 64 - 2 * inset, 64 - 2 * inset, paint);
        }
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        File.WriteAllBytes(path, png.ToArray());
    }

    private static void WriteQueries(string path, IEnumerable<object> queries) =>
        File.WriteAllLines(path, queries.Select(q => JsonSerializer.Serialize(q)));
}
