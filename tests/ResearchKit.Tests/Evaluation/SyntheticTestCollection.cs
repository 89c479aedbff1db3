using System.Text.Json;
using ResearchKit.Models;
using ResearchKit.Tests.Embeddings;

namespace ResearchKit.Tests.Evaluation;

/// <summary>
/// A tiny benchmark on disk: a gallery split of generated images, a query split holding exact copies of
/// three of them, and query files whose relevant items are known from the images or from brute force.
/// </summary>
public static class SyntheticTestCollection
{
    /// <summary>Writes the benchmark under <paramref name="root"/>; the text queries' relevant items come from <paramref name="textModel"/>.</summary>
    public static void Write(string root, EmbeddingModel textModel)
    {
        var gallery = Path.Combine(root, "gallery");
        TestDatasets.WriteGeneratedImages(gallery, 12);
        var copies = Path.Combine(root, "probe");
        Directory.CreateDirectory(copies);
        foreach (var i in new[] { 0, 5, 9 })
            File.Copy(Path.Combine(gallery, $"gen_{i:D5}.png"), Path.Combine(copies, $"copy_{i:D5}.png"));

        var queries = Path.Combine(root, "queries");
        Directory.CreateDirectory(queries);
        File.WriteAllLines(Path.Combine(queries, "image_copies.jsonl"), new[] { 0, 5, 9 }.Select(i =>
            JsonSerializer.Serialize(new { gallery = "gallery", image = $"copy_{i:D5}.png", image_split = "probe", relevant = new[] { $"gen_{i:D5}.png" } })));

        // Brute force over the model's own embeddings: the best and the worst item for each text.
        var ids = Directory.GetFiles(gallery, "*.png").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        var vectors = ids.Select(id => textModel.EmbedImage(Path.Combine(gallery, id!))).ToArray();
        var lines = new List<string>();
        foreach (var text in new[] { "a red square", "blue sky" })
        {
            var q = textModel.EmbedText(text);
            var scores = vectors.Select(v => v.Zip(q, (a, b) => (double)a * b).Sum()).ToArray();
            var best = ids[Array.IndexOf(scores, scores.Max())];
            var worst = ids[Array.IndexOf(scores, scores.Min())];
            lines.Add(JsonSerializer.Serialize(new { gallery = "gallery", text, relevant = new[] { best } }));
            lines.Add(JsonSerializer.Serialize(new { gallery = "gallery", text, relevant = new[] { worst } }));
        }
        lines.Add(JsonSerializer.Serialize(new { gallery = "gallery", text = "at the", relevant = new[] { ids[0] } }));
        File.WriteAllLines(Path.Combine(queries, "text_best_worst.jsonl"), lines);
        File.WriteAllLines(Path.Combine(queries, "train_ignored.jsonl"), [lines[0]]);
    }
}
