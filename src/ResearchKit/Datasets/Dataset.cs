namespace ResearchKit.Datasets;

/// <summary>
/// A folder of images (searched recursively, hidden folders skipped, links followed once) joined with optional metadata. Items are
/// ordered by id; ids are the metadata's <c>id</c> column or, without one, the path relative to the folder,
/// so they stay the same from run to run.
/// </summary>
public sealed class Dataset
{
    /// <summary>File extensions treated as images.</summary>
    public static readonly IReadOnlySet<string> ImageExtensions =
        new HashSet<string>(StringComparer.OrdinalIgnoreCase) { ".jpg", ".jpeg", ".png", ".webp", ".bmp", ".gif" };

    private static readonly string[] DefaultMetadataNames = ["metadata.csv", "metadata.jsonl", "metadata.json"];
    private readonly Dictionary<string, DatasetItem> _byId;

    private Dataset(string root, string storeDirectory, string? metadataPath, IReadOnlyList<DatasetItem> items, IReadOnlyList<string> problems, IReadOnlyList<ScanFailure> scanFailures)
    {
        ScanFailures = scanFailures;
        Root = root;
        StoreDirectory = storeDirectory;
        MetadataPath = metadataPath;
        Items = items;
        Problems = problems;
        _byId = items.ToDictionary(i => i.Id, StringComparer.Ordinal);
    }

    public string Root { get; }
    public string Name => Path.GetFileName(Root.TrimEnd(Path.DirectorySeparatorChar));
    public string StoreDirectory { get; }
    public string? MetadataPath { get; }
    public IReadOnlyList<DatasetItem> Items { get; }

    /// <summary>Metadata rows that name no existing image; reported, not fatal.</summary>
    public IReadOnlyList<string> Problems { get; }

    /// <summary>Folders the scan could not read and symbolic link loops it skipped; the rest of the folder was scanned.</summary>
    public IReadOnlyList<ScanFailure> ScanFailures { get; }

    /// <summary>The absolute path of an item's image.</summary>
    public string FullPath(DatasetItem item) => Path.Combine(Root, item.RelativePath.Replace('/', Path.DirectorySeparatorChar));

    public bool TryGet(string id, out DatasetItem item) => _byId.TryGetValue(id, out item!);

    /// <summary>Whether any item has a value for the metadata field <paramref name="name"/> (see <see cref="DatasetItem.Field"/>).</summary>
    public bool HasField(string name) => Items.Any(i => i.Field(name).Count > 0);

    /// <summary>
    /// The same folder restricted to the items named in <paramref name="ids"/>, with its own store: a sample must
    /// not share the full dataset's store, where indexing the sample would drop every vector outside it.
    /// </summary>
    /// <param name="ids">Item ids to keep; ids the dataset lacks are ignored.</param>
    /// <param name="storeDirectory">Store folder of the subset.</param>
    public Dataset Subset(IEnumerable<string> ids, string storeDirectory)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ArgumentException.ThrowIfNullOrWhiteSpace(storeDirectory);
        var keep = ids.ToHashSet(StringComparer.Ordinal);
        var full = Path.GetFullPath(storeDirectory);
        if (string.Equals(full.TrimEnd(Path.DirectorySeparatorChar), Path.GetFullPath(StoreDirectory).TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
            throw new ArgumentException($"a subset needs a store of its own, not the dataset's store {StoreDirectory}.", nameof(storeDirectory));
        return new Dataset(Root, full, MetadataPath, [.. Items.Where(i => keep.Contains(i.Id))], Problems, ScanFailures);
    }

    /// <summary>Scans <paramref name="folder"/> and joins its metadata.</summary>
    /// <exception cref="DatasetException">The folder does not exist, or the metadata is malformed or repeats an id.</exception>
    public static Dataset Open(string folder, DatasetOptions? options = null)
    {
        options ??= new DatasetOptions();
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root)) throw new DatasetException(root, "no such dataset folder; pass a folder of images (searched recursively).");
        var metadataPath = options.MetadataPath ?? DefaultMetadataNames.Select(n => Path.Combine(root, n)).FirstOrDefault(File.Exists);
        var (files, scanFailures) = ImageScanner.Scan(root, ImageExtensions);
        var rows = metadataPath is null ? [] : MetadataFile.Read(metadataPath);
        var problems = new List<string>();
        var items = Join(root, metadataPath, files, rows, problems);
        return new Dataset(root, options.StoreDirectory ?? Path.Combine(root, ".researchkit"), metadataPath, items, problems, scanFailures);
    }

    private static List<DatasetItem> Join(string root, string? metadataPath, List<string> files, IReadOnlyList<MetadataRow> rows, List<string> problems)
    {
        var fileSet = files.ToHashSet(StringComparer.Ordinal);
        // Without a path column a row joins the file whose path minus extension equals its id.
        var byStem = files.GroupBy(f => Path.ChangeExtension(f, null)).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var items = new Dictionary<string, DatasetItem>(StringComparer.Ordinal);
        var claimed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            var path = row.Single("path")?.Replace('\\', '/').TrimStart('/');
            var id = row.Single("id");
            if (path is null && id is null)
                throw new DatasetException(metadataPath!, $"line {row.Line} has neither an 'id' nor a 'path'; every row needs one of them.");
            path ??= byStem.GetValueOrDefault(id!) ?? (fileSet.Contains(id!) ? id : null);
            if (path is null || !fileSet.Contains(path))
            {
                problems.Add($"{metadataPath}: line {row.Line} names {path ?? id}, which is not an image in {root}.");
                continue;
            }
            id ??= path;
            if (items.ContainsKey(id)) throw new DatasetException(metadataPath!, $"line {row.Line} repeats id '{id}'; ids must be unique.");
            if (!claimed.Add(path)) throw new DatasetException(metadataPath!, $"line {row.Line} describes {path} a second time; give each image one row.");
            items[id] = FromRow(id, path, row);
        }
        foreach (var file in files)
        {
            if (claimed.Contains(file)) continue;
            if (items.ContainsKey(file)) throw new DatasetException(root, $"the file {file} has the same name as another item's id; rename one of them.");
            items[file] = new DatasetItem(file, file, null, [], [], new Dictionary<string, string>());
        }
        return [.. items.Values.OrderBy(i => i.Id, StringComparer.Ordinal)];
    }

    private static readonly HashSet<string> KnownFields = new(StringComparer.Ordinal) { "id", "path", "title", "label", "labels", "tags" };

    private static DatasetItem FromRow(string id, string path, MetadataRow row)
    {
        var labels = row.List("labels").Count > 0 ? row.List("labels") : row.List("label");
        var extra = row.Fields.Where(f => !KnownFields.Contains(f.Key)).ToDictionary(f => f.Key, f => string.Join("|", f.Value), StringComparer.Ordinal);
        return new DatasetItem(id, path, row.Single("title") ?? row.Single("label"), labels, row.List("tags"), extra);
    }
}
