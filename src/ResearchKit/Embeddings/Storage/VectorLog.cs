using System.Runtime.InteropServices;
using System.Text.Json;

namespace ResearchKit.Embeddings.Storage;

/// <summary>
/// A crash-safe, append-only table of fixed-width float32 rows keyed by item id, kept as plain files an
/// outsider can read: <c>*.f32</c> (row-major little-endian float32) beside <c>*.rows.json</c> (key and stamp
/// per row). Data files are immutable once written; <c>log.json</c> lists the ones that count and is the single
/// commit point, replaced atomically. A process killed at any moment leaves either the previous or the next
/// committed state, and every committed append survives, so an interrupted indexing run resumes where it stopped.
/// </summary>
public sealed class VectorLog
{
    /// <summary>Newest manifest format this version writes and reads.</summary>
    public const int SchemaVersion = 1;
    private const string ManifestName = "log.json";
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };

    private readonly string _directory;
    private Manifest _manifest;

    private VectorLog(string directory, Manifest manifest)
    {
        _directory = directory;
        _manifest = manifest;
    }

    /// <summary>Floats per row.</summary>
    public int Width => _manifest.Width;

    /// <summary>What produced the rows (model identity, crop layout...), as the JSON the creator gave.</summary>
    public string Identity => _manifest.Identity;

    /// <summary>The folder holding the log's files.</summary>
    public string Directory => _directory;

    /// <summary>Opens the log in <paramref name="directory"/>, or returns null when none was ever committed there.</summary>
    public static VectorLog? TryOpen(string directory)
    {
        var path = Path.Combine(directory, ManifestName);
        if (!File.Exists(path)) return null;
        Manifest manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<Manifest>(File.ReadAllBytes(path), Json) ?? throw new JsonException("empty manifest");
        }
        catch (JsonException e)
        {
            throw new StoreCorruptException(path, $"the manifest is not valid JSON ({e.Message}).", e);
        }
        if (manifest.SchemaVersion > SchemaVersion) throw new StoreVersionException(path, manifest.SchemaVersion, SchemaVersion);
        if (manifest.Width < 1) throw new StoreCorruptException(path, $"width {manifest.Width} is not a row width.");
        var log = new VectorLog(directory, manifest);
        log.RemoveUncommitted();
        return log;
    }

    /// <summary>Starts an empty log (replacing any log already there) whose rows are <paramref name="width"/> floats.</summary>
    public static VectorLog Create(string directory, int width, string identity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        System.IO.Directory.CreateDirectory(directory);
        var log = new VectorLog(directory, new Manifest { SchemaVersion = SchemaVersion, Width = width, Identity = identity });
        log.Commit(log._manifest);
        log.RemoveUncommitted();
        return log;
    }

    /// <summary>Key to stamp for every committed row (latest wins); cheap, reads no vectors.</summary>
    public Dictionary<string, string> ReadStamps()
    {
        var stamps = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in Chunks())
            foreach (var row in ReadRows(chunk)) stamps[row.Key] = row.Stamp;
        return stamps;
    }

    /// <summary>Commits rows and their vectors (<c>rows.Count * Width</c> floats) as one new segment.</summary>
    public void Append(IReadOnlyList<LogRow> rows, ReadOnlyMemory<float> vectors)
    {
        if (rows.Count == 0) return;
        if (vectors.Length != rows.Count * Width)
            throw new ArgumentException($"{rows.Count} rows of width {Width} need {rows.Count * Width} floats, got {vectors.Length}.", nameof(vectors));
        var name = $"seg-{_manifest.NextChunk:D6}";
        WriteChunk(name, rows, vectors);
        Commit(_manifest with { NextChunk = _manifest.NextChunk + 1, Segments = [.. _manifest.Segments, name] });
    }

    /// <summary>Reads every committed row, latest per key, ordered by key so the row order never depends on history.</summary>
    public VectorSnapshot Load(Func<string, bool>? keep = null)
    {
        var latest = new Dictionary<string, (string Chunk, int Index, string Stamp)>(StringComparer.Ordinal);
        var chunks = Chunks().ToList();
        foreach (var chunk in chunks)
        {
            var rows = ReadRows(chunk);
            for (var i = 0; i < rows.Count; i++) latest[rows[i].Key] = (chunk, i, rows[i].Stamp);
        }
        var keys = latest.Keys.Where(k => keep?.Invoke(k) ?? true).Order(StringComparer.Ordinal).ToArray();
        var vectors = new float[(long)keys.Length * Width];
        var byChunk = keys.Select((k, row) => (Row: row, Entry: latest[k])).GroupBy(x => x.Entry.Chunk);
        foreach (var group in byChunk)
        {
            using var stream = OpenVectors(group.Key);
            var buffer = new float[Width];
            foreach (var (row, entry) in group.OrderBy(x => x.Entry.Index))
            {
                stream.Position = (long)entry.Index * Width * sizeof(float);
                stream.ReadExactly(MemoryMarshal.AsBytes(buffer.AsSpan()));
                buffer.CopyTo(vectors.AsSpan((int)((long)row * Width), Width));
            }
        }
        return new VectorSnapshot([.. keys.Select(k => new LogRow(k, latest[k].Stamp))], vectors, Width);
    }

    /// <summary>
    /// Rewrites the log as one base chunk holding only the rows <paramref name="keep"/> accepts, then deletes
    /// the chunks it replaces. Until the new manifest is committed the old chunks stay valid.
    /// </summary>
    public void Compact(Func<string, bool>? keep = null)
    {
        var snapshot = Load(keep);
        var name = $"base-{_manifest.NextChunk:D6}";
        WriteChunk(name, snapshot.Rows, snapshot.Vectors);
        var old = Chunks().ToList();
        Commit(_manifest with { NextChunk = _manifest.NextChunk + 1, Base = name, Segments = [] });
        foreach (var chunk in old) DeleteChunk(chunk);
    }

    /// <summary>Number of chunk files the current state spans (1 after compaction).</summary>
    public int ChunkCount => Chunks().Count();

    private IEnumerable<string> Chunks() => _manifest.Base is null ? _manifest.Segments : [_manifest.Base, .. _manifest.Segments];

    private void WriteChunk(string name, IReadOnlyList<LogRow> rows, ReadOnlyMemory<float> vectors)
    {
        AtomicFile.Write(Path.Combine(_directory, name + ".f32"), s =>
        {
            // Written in slices: a span of bytes cannot exceed 2 GB, a store can.
            const int slice = 1 << 24;
            for (var at = 0; at < vectors.Length; at += slice)
                s.Write(MemoryMarshal.AsBytes(vectors.Span.Slice(at, Math.Min(slice, vectors.Length - at))));
        });
        AtomicFile.Write(Path.Combine(_directory, name + ".rows.json"), s => JsonSerializer.Serialize(s, rows, Json));
    }

    private List<LogRow> ReadRows(string chunk)
    {
        var path = Path.Combine(_directory, chunk + ".rows.json");
        try
        {
            var rows = JsonSerializer.Deserialize<List<LogRow>>(File.ReadAllBytes(path), Json) ?? [];
            var expected = (long)rows.Count * Width * sizeof(float);
            var actual = new FileInfo(Path.Combine(_directory, chunk + ".f32")).Length;
            if (actual != expected) throw new StoreCorruptException(path, $"lists {rows.Count} rows of {Width} floats ({expected} bytes) but {chunk}.f32 holds {actual} bytes.");
            return rows;
        }
        catch (Exception e) when (e is FileNotFoundException or JsonException)
        {
            throw new StoreCorruptException(path, $"a committed chunk is missing or unreadable ({e.Message}).", e);
        }
    }

    private FileStream OpenVectors(string chunk) =>
        new(Path.Combine(_directory, chunk + ".f32"), FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.RandomAccess);

    private void Commit(Manifest manifest)
    {
        AtomicFile.Write(Path.Combine(_directory, ManifestName), s => JsonSerializer.Serialize(s, manifest, Json));
        _manifest = manifest;
    }

    // Chunks written after the last commit (a run killed between writing a chunk and committing it) are garbage.
    private void RemoveUncommitted()
    {
        AtomicFile.RemoveLeftovers(_directory);
        var live = Chunks().ToHashSet(StringComparer.Ordinal);
        foreach (var file in System.IO.Directory.EnumerateFiles(_directory))
        {
            var name = Path.GetFileName(file);
            if (name == ManifestName) continue;
            var chunk = name.EndsWith(".rows.json", StringComparison.Ordinal) ? name[..^".rows.json".Length]
                : name.EndsWith(".f32", StringComparison.Ordinal) ? name[..^".f32".Length] : null;
            if (chunk is not null && !live.Contains(chunk)) File.Delete(file);
        }
    }

    private void DeleteChunk(string chunk)
    {
        File.Delete(Path.Combine(_directory, chunk + ".f32"));
        File.Delete(Path.Combine(_directory, chunk + ".rows.json"));
    }

    private sealed record Manifest
    {
        public int SchemaVersion { get; init; }
        public int Width { get; init; }
        public string Identity { get; init; } = "";
        public int NextChunk { get; init; } = 1;
        public string? Base { get; init; }
        public List<string> Segments { get; init; } = [];
    }
}
