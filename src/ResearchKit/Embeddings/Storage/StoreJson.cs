using System.Text.Json;

namespace ResearchKit.Embeddings.Storage;

/// <summary>The JSON settings of every store file (camelCase, indented so a person can read a manifest), and how one is read.</summary>
internal static class StoreJson
{
    public static readonly JsonSerializerOptions Options = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>For row files: one line, since they hold a row per item and are read on every load.</summary>
    public static readonly JsonSerializerOptions Compact = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    /// <summary>Reads a store file, or null when it does not exist; garbage is a <see cref="StoreCorruptException"/> naming <paramref name="what"/>.</summary>
    public static T? ReadOrNull<T>(string path, string what) where T : class
    {
        byte[] bytes;
        try { bytes = File.ReadAllBytes(path); }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException) { return null; }
        try
        {
            return JsonSerializer.Deserialize<T>(bytes, Options) ?? throw new JsonException("the file holds null");
        }
        catch (JsonException e)
        {
            throw new StoreCorruptException(path, $"the {what} is not valid JSON ({e.Message}).", e);
        }
    }
}
