namespace ResearchKit.Embeddings.Storage;

/// <summary>
/// Where the latest version of each key lives across the parts of a <see cref="LogState"/>: the newest commit wins
/// (ties: later part name, then later chunk). Built from the row files alone, or, for a writer, also verifying every
/// vector file so damaged chunks are set aside and their items embedded again.
/// </summary>
internal sealed class LogIndex
{
    private LogIndex(LogState state, Dictionary<string, RowRef> latest, IReadOnlyList<DamagedChunk> damaged)
    {
        State = state;
        Latest = latest;
        Damaged = damaged;
    }

    public LogState State { get; }

    /// <summary>The latest row of each key.</summary>
    public Dictionary<string, RowRef> Latest { get; }

    /// <summary>Chunks left out because their files are missing or fail their checksums (tolerant builds only).</summary>
    public IReadOnlyList<DamagedChunk> Damaged { get; }

    /// <summary>
    /// Indexes <paramref name="state"/>. Strict: a damaged chunk throws. Tolerant: it is set aside and listed.
    /// <paramref name="verifyVectors"/> also reads every vector file, so damaged vectors are found before they are loaded.
    /// </summary>
    public static LogIndex Build(LogState state, bool tolerant, bool verifyVectors = false)
    {
        var latest = new Dictionary<string, RowRef>(StringComparer.Ordinal);
        var damaged = new List<DamagedChunk>();
        foreach (var part in state.Parts)
            for (var position = 0; position < part.Manifest.Chunks.Count; position++)
            {
                var chunk = part.Manifest.Chunks[position];
                List<LogRow> rows;
                try
                {
                    rows = ChunkFile.ReadRows(part.Directory, chunk);
                    // A writer reads every vector file too: an item whose vectors are damaged must be embedded again.
                    if (verifyVectors) ChunkFile.ReadVectors(part.Directory, chunk, state.Head.Width, [], (_, _) => { });
                }
                catch (StoreCorruptException e) when (tolerant)
                {
                    var keys = TryKeys(part.Directory, chunk);
                    damaged.Add(new DamagedChunk(e.Path, part.Name, chunk.Name, e.Problem, keys));
                    continue;
                }
                for (var i = 0; i < rows.Count; i++)
                {
                    var candidate = new RowRef(part, chunk, i, rows[i].Stamp);
                    // Within a part the later chunk wins; across parts the newer commit, and on a tie the later part name.
                    if (!latest.TryGetValue(rows[i].Key, out var held) || held.Part.Name == part.Name || chunk.CommittedAt >= held.Chunk.CommittedAt)
                        latest[rows[i].Key] = candidate;
                }
            }
        return new LogIndex(state, latest, damaged);
    }

    /// <summary>Reads the latest vector of every key <paramref name="keep"/> accepts, ordered by key, verifying each file read.</summary>
    public VectorSnapshot Load(Func<string, bool>? keep = null)
    {
        var width = State.Head.Width;
        var keys = Latest.Keys.Where(k => keep?.Invoke(k) ?? true).Order(StringComparer.Ordinal).ToArray();
        var vectors = new float[(long)keys.Length * width];
        // Each chunk is read once, in file order, copying the rows that hold a key's latest version.
        var byChunk = new Dictionary<ChunkRecord, (PartState Part, List<(int ChunkRow, int Target)> Wanted)>(ReferenceEqualityComparer.Instance);
        for (var row = 0; row < keys.Length; row++)
        {
            var at = Latest[keys[row]];
            if (!byChunk.TryGetValue(at.Chunk, out var entry)) byChunk[at.Chunk] = entry = (at.Part, []);
            entry.Wanted.Add((at.Index, row));
        }
        foreach (var (chunk, (part, wanted)) in byChunk)
        {
            wanted.Sort((a, b) => a.ChunkRow.CompareTo(b.ChunkRow));
            ChunkFile.ReadVectors(part.Directory, chunk, width, wanted,
                (target, source) => source.CopyTo(vectors.AsSpan((int)((long)target * width), width)));
        }
        return new VectorSnapshot([.. keys.Select(k => new LogRow(k, Latest[k].Stamp))], vectors, width) { Identity = State.Head.Identity };
    }

    /// <summary>Key to stamp of every latest row.</summary>
    public Dictionary<string, string> Stamps() => Latest.ToDictionary(p => p.Key, p => p.Value.Stamp, StringComparer.Ordinal);

    private static IReadOnlyList<string> TryKeys(string directory, ChunkRecord chunk)
    {
        try { return [.. ChunkFile.ReadRows(directory, chunk).Select(r => r.Key)]; }
        catch (StoreCorruptException) { return []; }
    }
}

/// <summary>Where one version of a key lives: part, chunk, row in the chunk, and the stamp it was made from.</summary>
internal readonly record struct RowRef(PartState Part, ChunkRecord Chunk, int Index, string Stamp);
