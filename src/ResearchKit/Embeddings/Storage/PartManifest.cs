using System.Text.Json;

namespace ResearchKit.Embeddings.Storage;

/// <summary>
/// <c>parts/NAME/part.json</c>: the commit point of one writer's part of a vector log. It lists the live chunks with
/// their checksums and the retired ones that wait until no reader can still be loading them.
/// </summary>
internal sealed record PartManifest
{
    public const string FileName = "part.json";

    public int SchemaVersion { get; init; } = VectorLog.SchemaVersion;
    public string Epoch { get; init; } = "";
    public long Generation { get; init; }
    public List<ChunkRecord> Chunks { get; init; } = [];

    /// <summary>Chunks no longer listed whose files a collector deletes once no reader holds a lease.</summary>
    public List<string> Retired { get; init; } = [];

    /// <summary>Reads a part's manifest, or null when the part has none (never committed, or collected).</summary>
    public static PartManifest? Read(string partDirectory)
    {
        var path = Path.Combine(partDirectory, FileName);
        if (StoreJson.ReadOrNull<PartManifest>(path, "part manifest") is not { } manifest) return null;
        if (manifest.SchemaVersion > VectorLog.SchemaVersion) throw new StoreVersionException(path, manifest.SchemaVersion, VectorLog.SchemaVersion);
        if (manifest.Chunks.Any(c => c is null || string.IsNullOrEmpty(c.Name) || c.Rows < 0))
            throw new StoreCorruptException(path, "a chunk entry lacks a name or has a negative row count.");
        return manifest;
    }

    public void Write(string partDirectory) => IO.AtomicFile.Write(Path.Combine(partDirectory, FileName), s => JsonSerializer.Serialize(s, this, StoreJson.Options));
}
