using System.Text;
using System.Text.Json;
using ResearchKit.Datasets;
using ResearchKit.Embeddings.Storage;

namespace ResearchKit.Embeddings;

/// <summary>
/// A dataset's embeddings on disk: <c>store.json</c> (format version), <c>items.jsonl</c> (the metadata the
/// spaces were built from) and one <see cref="VectorLog"/> per space under <c>spaces/NAME/</c>, plus cached
/// crop embeddings under <c>spaces/NAME/crops/</c>. Every file is replaced atomically.
/// </summary>
public sealed class EmbeddingStore
{
    /// <summary>Newest store format this version writes and reads.</summary>
    public const int SchemaVersion = 1;
    internal static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private EmbeddingStore(string directory) => Directory = directory;

    public string Directory { get; }
    private string SpacesDirectory => Path.Combine(Directory, "spaces");
    private string ItemsPath => Path.Combine(Directory, "items.jsonl");

    /// <summary>Opens the store in <paramref name="directory"/>, creating it when <paramref name="create"/> is set.</summary>
    /// <exception cref="StoreVersionException">A newer ResearchKit wrote the store.</exception>
    /// <exception cref="StoreNotFoundException">There is no store and <paramref name="create"/> is false.</exception>
    public static EmbeddingStore Open(string directory, bool create = false)
    {
        var full = Path.GetFullPath(directory);
        var manifest = Path.Combine(full, "store.json");
        if (File.Exists(manifest))
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(manifest));
            var version = doc.RootElement.TryGetProperty("schemaVersion", out var v) ? v.GetInt32() : 0;
            if (version > SchemaVersion) throw new StoreVersionException(manifest, version, SchemaVersion);
        }
        else if (create)
        {
            AtomicFile.WriteText(manifest, JsonSerializer.Serialize(new { schemaVersion = SchemaVersion, createdBy = $"ResearchKit {typeof(EmbeddingStore).Assembly.GetName().Version}" }));
        }
        else
        {
            throw new StoreNotFoundException(full);
        }
        return new EmbeddingStore(full);
    }

    /// <summary>Opens the store of a dataset (its default or configured store folder).</summary>
    public static EmbeddingStore For(Dataset dataset, bool create = false) => Open(dataset.StoreDirectory, create);

    /// <summary>Names of the spaces with committed embeddings, sorted.</summary>
    public IReadOnlyList<string> SpaceNames =>
        System.IO.Directory.Exists(SpacesDirectory)
            ? [.. System.IO.Directory.EnumerateDirectories(SpacesDirectory).Where(d => File.Exists(Path.Combine(d, "log.json"))).Select(Path.GetFileName).Order(StringComparer.Ordinal)!]
            : [];

    /// <summary>The folder of a space's files.</summary>
    public string SpaceDirectory(string space) => Path.Combine(SpacesDirectory, CheckName(space));

    /// <summary>The identity a space was built with, or null when the store has no such space.</summary>
    public SpaceIdentity? IdentityOf(string space) =>
        VectorLog.TryOpen(SpaceDirectory(space)) is { } log ? ParseIdentity(log) : null;

    /// <summary>Loads a space for search.</summary>
    /// <exception cref="UnknownSpaceException">The store has no such space.</exception>
    public EmbeddingSpace LoadSpace(string space)
    {
        var log = VectorLog.TryOpen(SpaceDirectory(space)) ?? throw new UnknownSpaceException(space, Directory, SpaceNames);
        var snapshot = log.Load();
        return new EmbeddingSpace(ParseIdentity(log), [.. snapshot.Rows.Select(r => r.Key)], snapshot.Vectors);
    }

    /// <summary>The metadata snapshot the last indexing run saved (what search results show).</summary>
    public IReadOnlyList<DatasetItem> ReadItems()
    {
        if (!File.Exists(ItemsPath)) return [];
        return [.. File.ReadLines(ItemsPath).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<DatasetItem>(l, Json)!)];
    }

    /// <summary>Replaces the metadata snapshot.</summary>
    public void WriteItems(IEnumerable<DatasetItem> items)
    {
        var text = new StringBuilder();
        foreach (var item in items) text.Append(JsonSerializer.Serialize(item, Json)).Append('\n');
        AtomicFile.WriteText(ItemsPath, text.ToString());
    }

    /// <summary>Saves the failures of the last indexing run of a space (replacing the previous list).</summary>
    public void WriteFailures(string space, IEnumerable<ItemFailure> failures)
    {
        var text = new StringBuilder();
        foreach (var f in failures) text.Append(JsonSerializer.Serialize(f, Json)).Append('\n');
        AtomicFile.WriteText(FailuresPath(space), text.ToString());
    }

    /// <summary>The failures the last indexing run of a space recorded.</summary>
    public IReadOnlyList<ItemFailure> ReadFailures(string space) =>
        File.Exists(FailuresPath(space))
            ? [.. File.ReadLines(FailuresPath(space)).Where(l => l.Length > 0).Select(l => JsonSerializer.Deserialize<ItemFailure>(l, Json)!)]
            : [];

    private string FailuresPath(string space) => Path.Combine(SpaceDirectory(space), "failures.jsonl");

    internal static SpaceIdentity ParseIdentity(VectorLog log)
    {
        try
        {
            return JsonSerializer.Deserialize<SpaceIdentity>(log.Identity, Json) ?? throw new JsonException("null identity");
        }
        catch (JsonException e)
        {
            throw new StoreCorruptException(Path.Combine(log.Directory, "log.json"), $"the space identity is unreadable ({e.Message}).", e);
        }
    }

    internal static string CheckName(string space)
    {
        if (string.IsNullOrWhiteSpace(space) || space.IndexOfAny(['/', '\\', ':']) >= 0 || space.StartsWith('.'))
            throw new ArgumentException($"'{space}' is not a usable space name: use letters, digits, '-', '_' or '.'.", nameof(space));
        return space;
    }
}
