using System.Text.Json;

namespace ResearchKit.Embeddings.Storage;

/// <summary>
/// <c>log.json</c>, the head of a vector log: row width, the identity of what produced the rows, and the epoch. A new
/// identity gets a new epoch in one atomic replace, so parts written under the old one stop counting at once.
/// </summary>
internal sealed record LogHead
{
    public const string FileName = "log.json";

    public int SchemaVersion { get; init; }
    public int Width { get; init; }
    public string Identity { get; init; } = "";
    public string Epoch { get; init; } = "";

    /// <summary>Reads the head in <paramref name="directory"/>, or null when none was ever committed.</summary>
    public static LogHead? Read(string directory)
    {
        var path = Path.Combine(directory, FileName);
        if (StoreJson.ReadOrNull<LogHead>(path, "log head") is not { } head) return null;
        if (head.SchemaVersion > VectorLog.SchemaVersion) throw new StoreVersionException(path, head.SchemaVersion, VectorLog.SchemaVersion);
        if (head.SchemaVersion < VectorLog.SchemaVersion)
            throw new StoreVersionException(path, head.SchemaVersion, VectorLog.SchemaVersion, older: true);
        if (head.Width < 1) throw new StoreCorruptException(path, $"width {head.Width} is not a row width.");
        if (head.Epoch.Length == 0) throw new StoreCorruptException(path, "the head names no epoch.");
        return head;
    }

    public void Write(string directory) => IO.AtomicFile.Write(Path.Combine(directory, FileName), s => JsonSerializer.Serialize(s, this, StoreJson.Options));
}
