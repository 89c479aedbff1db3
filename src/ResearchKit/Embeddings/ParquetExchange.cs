using System.Text.Json;
using Parquet;
using Parquet.Serialization;
using ResearchKit.Datasets;
using ResearchKit.Embeddings.Storage;

namespace ResearchKit.Embeddings;

/// <summary>
/// Exports a space (vectors and metadata) to Parquet, as one file or one file per store part (shard), and imports
/// them back. The space's identity travels in each file's key-value metadata (<c>researchkit.space</c>), so Spark,
/// DuckDB or an imported space know the model; <c>embedding</c> is a list of float32 that DuckDB and Spark read as an array.
/// </summary>
public static class ParquetExchange
{
    /// <summary>Key-value metadata key holding the space identity JSON.</summary>
    public const string IdentityKey = "researchkit.space";

    /// <summary>Key-value metadata key holding the identity's fingerprint (equal fingerprints: comparable vectors).</summary>
    public const string FingerprintKey = "researchkit.fingerprint";

    /// <summary>Key-value metadata key naming the store part (shard) the rows come from.</summary>
    public const string PartKey = "researchkit.part";

    /// <summary>Writes one space of <paramref name="store"/> to <paramref name="path"/> (atomically: all or nothing). Returns the row count.</summary>
    public static async Task<int> ExportAsync(EmbeddingStore store, string space, string path, CancellationToken cancellationToken = default)
    {
        var loaded = store.LoadSpace(space);
        await WriteAsync(path, Rows(store, loaded.Ids, loaded.Vectors, loaded.Dimension), loaded.Identity, null, cancellationToken).ConfigureAwait(false);
        return loaded.Count;
    }

    /// <summary>
    /// Writes one Parquet file per part of the space (<c>DIR/SPACE-PART.parquet</c>: one per shard, or one after a
    /// merge), each row in the part that holds its latest version. Returns each file with its row count.
    /// </summary>
    public static async Task<IReadOnlyList<(string File, int Rows)>> ExportPartsAsync(EmbeddingStore store, string space, string directory, CancellationToken cancellationToken = default)
    {
        var log = VectorLog.TryOpen(store.SpaceDirectory(space)) ?? throw new UnknownSpaceException(space, store.Directory, store.SpaceNames);
        Directory.CreateDirectory(directory);
        var written = new List<(string, int)>();
        foreach (var part in log.Parts)
        {
            var snapshot = log.LoadPart(part);
            if (snapshot.Rows.Count == 0) continue;
            var identity = EmbeddingStore.ParseIdentity(snapshot.Identity, Path.Combine(log.Directory, "log.json"));
            var file = Path.Combine(Path.GetFullPath(directory), $"{space}-{part}.parquet");
            await WriteAsync(file, Rows(store, [.. snapshot.Rows.Select(r => r.Key)], snapshot.Vectors, snapshot.Width), identity, part, cancellationToken).ConfigureAwait(false);
            written.Add((file, snapshot.Rows.Count));
        }
        return written;
    }

    /// <summary>
    /// Reads a Parquet file written by an export (or by anyone, with the same columns), or every <c>*.parquet</c> file of a
    /// folder, into a space of <paramref name="store"/>, replacing that space. Items the store does not know yet are added to its metadata.
    /// </summary>
    /// <exception cref="DatasetException">A file is missing, lacks the id/embedding columns, or the vectors differ in length or identity.</exception>
    public static async Task<SpaceIdentity> ImportAsync(string path, EmbeddingStore store, string? space = null, CancellationToken cancellationToken = default)
    {
        var files = Directory.Exists(path) ? Directory.GetFiles(path, "*.parquet").Order(StringComparer.Ordinal).ToArray()
            : File.Exists(path) ? [path] : throw new DatasetException(path, "no such Parquet file or folder.");
        if (files.Length == 0) throw new DatasetException(path, "the folder holds no .parquet files.");
        var rows = new List<ParquetEmbeddingRow>();
        SpaceIdentity? identity = null;
        foreach (var file in files)
        {
            var (fileRows, fileIdentity) = await ReadAsync(file, space, cancellationToken).ConfigureAwait(false);
            if (identity is not null && (fileIdentity.Dimension != identity.Dimension || fileIdentity.Fingerprint != identity.Fingerprint))
                throw new DatasetException(file, $"holds vectors of another model or dimension than {files[0]}; import files of one space together.");
            identity ??= fileIdentity;
            rows.AddRange(fileRows);
        }
        identity = identity! with { Space = EmbeddingStore.CheckName(space ?? identity!.Space) };
        var duplicate = rows.GroupBy(r => r.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new DatasetException(path, $"item '{duplicate.Key}' appears more than once; each id needs one row.");

        var dimension = identity.Dimension;
        var vectors = new float[rows.Count * dimension];
        for (var i = 0; i < rows.Count; i++) rows[i].Embedding.CopyTo(vectors, i * dimension);
        using (var writer = VectorLogWriter.Open(store.SpaceDirectory(identity.Space), new VectorLogWriterOptions
        {
            Width = dimension,
            Identity = JsonSerializer.Serialize(identity, EmbeddingStore.Json),
            Accepts = _ => false,  // an import replaces the space
        }, cancellationToken))
        {
            writer.Append([.. rows.Select(r => new LogRow(r.Id, "imported"))], vectors);
        }

        var items = store.ReadItems().ToDictionary(i => i.Id, StringComparer.Ordinal);
        foreach (var r in rows)
            if (!items.ContainsKey(r.Id))
                items[r.Id] = new DatasetItem(r.Id, r.Path, r.Title, r.Labels, r.Tags,
                    JsonSerializer.Deserialize<Dictionary<string, string>>(string.IsNullOrEmpty(r.Extra) ? "{}" : r.Extra) ?? []);
        store.WriteItems(items.Values.OrderBy(i => i.Id, StringComparer.Ordinal));
        return identity;
    }

    private static List<ParquetEmbeddingRow> Rows(EmbeddingStore store, IReadOnlyList<string> ids, float[] vectors, int dimension)
    {
        var items = store.ReadItems().ToDictionary(i => i.Id, StringComparer.Ordinal);
        var rows = new List<ParquetEmbeddingRow>(ids.Count);
        for (var r = 0; r < ids.Count; r++)
        {
            var item = items.GetValueOrDefault(ids[r]);
            rows.Add(new ParquetEmbeddingRow
            {
                Id = ids[r],
                Path = item?.RelativePath ?? "",
                Title = item?.Title,
                Labels = [.. item?.Labels ?? []],
                Tags = [.. item?.Tags ?? []],
                Extra = JsonSerializer.Serialize(item?.Extra ?? new Dictionary<string, string>()),
                Embedding = [.. vectors.AsSpan(r * dimension, dimension)],
            });
        }
        return rows;
    }

    private static Task WriteAsync(string path, List<ParquetEmbeddingRow> rows, SpaceIdentity identity, string? part, CancellationToken cancellationToken)
    {
        var metadata = new Dictionary<string, string>
        {
            [IdentityKey] = JsonSerializer.Serialize(identity, EmbeddingStore.Json),
            [FingerprintKey] = identity.Fingerprint,
        };
        if (part is not null) metadata[PartKey] = part;
        // The atomic writer's stream is seekable, as Parquet.Net's footer writing wants; the callback is synchronous.
        IO.AtomicFile.Write(path, s => ParquetSerializer.SerializeAsync(rows, s, null, metadata, cancellationToken).GetAwaiter().GetResult());
        return Task.CompletedTask;
    }

    private static async Task<(IList<ParquetEmbeddingRow> Rows, SpaceIdentity Identity)> ReadAsync(string path, string? space, CancellationToken cancellationToken)
    {
        IList<ParquetEmbeddingRow> rows;
        IReadOnlyDictionary<string, string> metadata;
        try
        {
            await using (var reader = await ParquetReader.CreateAsync(path, null, cancellationToken).ConfigureAwait(false))
                metadata = new Dictionary<string, string>(reader.CustomMetadata);
            rows = (await ParquetSerializer.DeserializeAsync<ParquetEmbeddingRow>(path, null, null, cancellationToken).ConfigureAwait(false)).Data;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or InvalidOperationException or NotSupportedException or ParquetException)
        {
            throw new DatasetException(path, $"not a readable embeddings Parquet file ({e.Message}); it needs columns id (string) and embedding (list of float).", e);
        }
        if (rows.Count == 0) throw new DatasetException(path, "the file has no rows.");
        var dimension = rows[0].Embedding.Count;
        var bad = rows.FirstOrDefault(r => r.Embedding.Count != dimension || string.IsNullOrEmpty(r.Id) || !r.Embedding.All(float.IsFinite));
        if (dimension == 0 || bad is not null)
            throw new DatasetException(path, $"row '{bad?.Id}' has {bad?.Embedding.Count} values (or NaN/infinite ones) where the first row has {dimension}; every row needs an id and a finite embedding of the same length.");
        var identity = metadata.TryGetValue(IdentityKey, out var json)
            ? EmbeddingStore.TryParseIdentity(json) ?? throw new DatasetException(path, $"the {IdentityKey} metadata is not a space identity; remove it to import the vectors as an unknown model.")
            : new SpaceIdentity(space ?? Path.GetFileNameWithoutExtension(path), "imported", "Unknown", "", dimension, "", new Dictionary<string, string>());
        if (identity.Dimension != dimension) throw new DatasetException(path, $"the space identity says dimension {identity.Dimension} but the rows hold {dimension} values.");
        return (rows, identity);
    }
}
