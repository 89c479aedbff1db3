namespace ResearchKit.Embeddings.Storage;

/// <summary>
/// A crash-safe table of fixed-width float32 rows keyed by item id, kept as plain files an outsider can read, written
/// by one writer per part and read by any number of processes. Reading never changes or deletes a file.
/// </summary>
/// <remarks>
/// Layout of a log folder:
/// <code>
/// log.json                  head: schema, row width, identity of what made the rows, epoch
/// writers.lock              shared by each part writer, exclusive for a whole-log writer (merges, identity changes)
/// readers.lock              shared by readers while they load; a collector deletes files only when it can hold it exclusively
/// parts/NAME/part.json      a part's commit point: live chunks with XxHash3 checksums, retired chunks awaiting deletion
/// parts/NAME/writer.lock    exclusive lock of the part's one writer
/// parts/NAME/C.f32          row-major little-endian float32, immutable once written
/// parts/NAME/C.rows.json    key and source stamp per row of C.f32
/// </code>
/// Readers see the union of the parts written under the head's epoch; the latest version of a key wins.
/// </remarks>
public sealed class VectorLog
{
    /// <summary>Newest log format this version writes and reads (2: parts, checksums, locks).</summary>
    public const int SchemaVersion = 2;

    private readonly LogHead _head;

    private VectorLog(string directory, LogHead head)
    {
        Directory = directory;
        _head = head;
    }

    /// <summary>Floats per row.</summary>
    public int Width => _head.Width;

    /// <summary>What produced the rows (model identity, crop layout...), as the JSON the creator gave.</summary>
    public string Identity => _head.Identity;

    /// <summary>The folder holding the log's files.</summary>
    public string Directory { get; }

    /// <summary>Opens the log in <paramref name="directory"/> for reading, or returns null when none was ever committed there.</summary>
    /// <exception cref="StoreCorruptException">The head is not valid.</exception>
    /// <exception cref="StoreVersionException">The log is in a format this version does not read.</exception>
    public static VectorLog? TryOpen(string directory) => LogHead.Read(directory) is { } head ? new VectorLog(directory, head) : null;

    /// <summary>Names of the parts that currently hold rows.</summary>
    public IReadOnlyList<string> Parts => [.. Current().Parts.Select(p => p.Name)];

    /// <summary>Number of chunk files the current state spans.</summary>
    public int ChunkCount => Current().Parts.Sum(p => p.Manifest.Chunks.Count);

    /// <summary>Key to stamp for every row (latest wins); reads and verifies the row files, not the vectors.</summary>
    public Dictionary<string, string> ReadStamps() => LogState.WithReaderLease(Directory, () => LogIndex.Build(Current(), tolerant: false).Stamps());

    /// <summary>Reads every row, latest per key, ordered by key so the row order never depends on history.</summary>
    /// <exception cref="StoreCorruptException">A chunk read is missing or fails its checksum; the message names the file.</exception>
    public VectorSnapshot Load(Func<string, bool>? keep = null) =>
        LogState.WithReaderLease(Directory, () => LogIndex.Build(Current(), tolerant: false).Load(keep));

    /// <summary>The row count per part (for reports): key count of the rows each part holds the latest version of.</summary>
    public IReadOnlyDictionary<string, int> CountByPart() =>
        LogState.WithReaderLease(Directory, () => LogIndex.Build(Current(), tolerant: false).Latest.Values
            .GroupBy(r => r.Part.Name).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));

    /// <summary>Reads the rows whose latest version lives in <paramref name="part"/>, ordered by key.</summary>
    public VectorSnapshot LoadPart(string part) =>
        LogState.WithReaderLease(Directory, () =>
        {
            var index = LogIndex.Build(Current(), tolerant: false);
            return index.Load(k => index.Latest[k].Part.Name == part);
        });

    private LogState Current() =>
        LogState.Read(Directory) ?? throw new StoreCorruptException(Path.Combine(Directory, LogHead.FileName), "the log head disappeared while reading.");
}
