using System.Text;
using System.Text.Json;
using ResearchKit.Datasets;
using ResearchKit.Embeddings.Storage;
using ResearchKit.IO;

namespace ResearchKit.Embeddings;

/// <summary>
/// A dataset's embeddings on disk: <c>store.json</c> (format version), <c>items.jsonl</c> (the metadata the
/// spaces were built from) and one <see cref="VectorLog"/> per space under <c>spaces/NAME/</c> (written by one
/// writer per part, read by any number of processes), plus cached crop embeddings under <c>spaces/NAME/crops/</c>.
/// Every file is replaced atomically.
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
            var version = ReadVersion(manifest);
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
        VectorLog.TryOpen(SpaceDirectory(space)) is { } log ? ParseIdentity(log.Identity, Path.Combine(log.Directory, "log.json")) : null;

    /// <summary>Loads a space for search, verifying the checksum of every chunk it reads.</summary>
    /// <exception cref="UnknownSpaceException">The store has no such space.</exception>
    /// <exception cref="StoreCorruptException">A chunk is missing or damaged; the message names it.</exception>
    public EmbeddingSpace LoadSpace(string space)
    {
        var log = VectorLog.TryOpen(SpaceDirectory(space)) ?? throw new UnknownSpaceException(space, Directory, SpaceNames);
        var snapshot = log.Load();
        return new EmbeddingSpace(ParseIdentity(snapshot.Identity, Path.Combine(log.Directory, "log.json")), [.. snapshot.Rows.Select(r => r.Key)], snapshot.Vectors);
    }

    /// <summary>The metadata snapshot the last indexing run saved (what search results show).</summary>
    /// <exception cref="StoreCorruptException">A line of items.jsonl is not an item.</exception>
    public IReadOnlyList<DatasetItem> ReadItems() => ReadJsonLines<DatasetItem>(ItemsPath, "index the dataset again to rewrite it",
        item => !string.IsNullOrEmpty(item.Id) && item.RelativePath is not null);

    /// <summary>Replaces the metadata snapshot.</summary>
    public void WriteItems(IEnumerable<DatasetItem> items)
    {
        var text = new StringBuilder();
        foreach (var item in items) text.Append(JsonSerializer.Serialize(item, Json)).Append('\n');
        AtomicFile.WriteText(ItemsPath, text.ToString());
    }

    /// <summary>Saves the failures of the last indexing run of one part of a space (a shard, or <c>main</c>), replacing its previous list.</summary>
    public void WriteFailures(string space, string part, IEnumerable<ItemFailure> failures)
    {
        var text = new StringBuilder();
        foreach (var f in failures) text.Append(JsonSerializer.Serialize(f, Json)).Append('\n');
        AtomicFile.WriteText(Path.Combine(SpaceDirectory(space), "parts", part, FailuresName), text.ToString());
    }

    /// <summary>The failures the last indexing run of each part of a space recorded.</summary>
    /// <exception cref="StoreCorruptException">A failures file holds a line that is not a failure record.</exception>
    public IReadOnlyList<ItemFailure> ReadFailures(string space)
    {
        var parts = Path.Combine(SpaceDirectory(space), "parts");
        if (!System.IO.Directory.Exists(parts)) return [];
        return [.. System.IO.Directory.EnumerateDirectories(parts).Order(StringComparer.Ordinal)
            .SelectMany(d => ReadJsonLines<ItemFailure>(Path.Combine(d, FailuresName), "delete it; the next indexing run writes it again", f => f.Source is not null))];
    }

    private const string FailuresName = "failures.jsonl";

    /// <summary>Parses a stored identity, or null when the text is not one.</summary>
    internal static SpaceIdentity? TryParseIdentity(string json)
    {
        try { return JsonSerializer.Deserialize<SpaceIdentity>(json, Json); }
        catch (JsonException) { return null; }
    }

    internal static SpaceIdentity ParseIdentity(string json, string path)
    {
        try
        {
            var identity = JsonSerializer.Deserialize<SpaceIdentity>(json, Json) ?? throw new JsonException("null identity");
            if (identity.Space is null || identity.Files is null || identity.Dimension < 1) throw new JsonException("fields are missing");
            return identity;
        }
        catch (JsonException e)
        {
            throw new StoreCorruptException(path, $"the space identity is unreadable ({e.Message}).", e);
        }
    }

    private static int ReadVersion(string path)
    {
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            return doc.RootElement.ValueKind == JsonValueKind.Object && doc.RootElement.TryGetProperty("schemaVersion", out var v) && v.TryGetInt32(out var n)
                ? n : throw new JsonException("no integer schemaVersion");
        }
        catch (JsonException e)
        {
            throw new StoreCorruptException(path, $"the store marker is not valid ({e.Message}); it only records the format version, so deleting it is safe: the next indexing run writes it again.", e);
        }
    }

    private static List<T> ReadJsonLines<T>(string path, string fix, Func<T, bool> valid)
    {
        var result = new List<T>();
        if (!File.Exists(path)) return result;
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (text.Length == 0) continue;
            T? value;
            try { value = JsonSerializer.Deserialize<T>(text, Json); }
            catch (JsonException e) { throw new StoreCorruptException(path, $"line {line} is not valid ({e.Message}); {fix}.", e); }
            if (value is null || !valid(value)) throw new StoreCorruptException(path, $"line {line} lacks required fields; {fix}.");
            result.Add(value);
        }
        return result;
    }

    internal static string CheckName(string space)
    {
        if (string.IsNullOrWhiteSpace(space) || space.IndexOfAny(['/', '\\', ':']) >= 0 || space.StartsWith('.'))
            throw new ArgumentException($"'{space}' is not a usable space name: use letters, digits, '-', '_' or '.'.", nameof(space));
        return space;
    }
}
