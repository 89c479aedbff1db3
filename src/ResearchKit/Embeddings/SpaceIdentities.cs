using System.Security.Cryptography;
using ResearchKit.Models;

namespace ResearchKit.Embeddings;

/// <summary>Builds the <see cref="SpaceIdentity"/> of a loaded model: its files' SHA-256 and its preprocessing fingerprint.</summary>
public static class SpaceIdentities
{
    /// <summary>The identity of the image space <paramref name="model"/> produces, named <paramref name="space"/> (default: the model's name).</summary>
    public static SpaceIdentity ForImages(EmbeddingModel model, string? space = null)
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var dir = model.Directory;
        foreach (var path in new[] { dir.ImageModelPath, dir.TextModelPath, dir.TokenizerPath, dir.PreprocessConfigPath })
            if (path is not null && File.Exists(path)) files[Path.GetFileName(path)] = HashFile(path);
        return new SpaceIdentity(
            EmbeddingStore.CheckName(space ?? model.Name), model.Name, model.Family.ToString(), dir.Root,
            model.ImageEncoder.Dimension, model.Preprocessor.Config.Fingerprint, files);
    }

    /// <summary>Lower-case hex SHA-256 of a file's bytes.</summary>
    public static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
