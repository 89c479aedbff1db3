using System.Text.Json;
using Parquet;
using Parquet.Serialization;
using ResearchKit.Datasets;
using ResearchKit.Embeddings.Storage;

namespace ResearchKit.Embeddings;

/// <summary>
/// Exports a space (vectors and metadata) to Parquet and imports one back. The space's identity travels in
/// the file's key-value metadata (<c>researchkit.space</c>), so an imported space knows its model.
/// </summary>
public static class ParquetExchange
{
    /// <summary>Key-value metadata key holding the space identity JSON.</summary>
    public const string IdentityKey = "researchkit.space";

    /// <summary>Writes one space of <paramref name="store"/> to <paramref name="path"/> (atomically: all or nothing). Returns the row count.</summary>
    public static async Task<int> ExportAsync(EmbeddingStore store, string space, string path, CancellationToken cancellationToken = default)
    {
        var loaded = store.LoadSpace(space);
        var items = store.ReadItems().ToDictionary(i => i.Id, StringComparer.Ordinal);
        var rows = new List<ParquetEmbeddingRow>(loaded.Count);
        for (var r = 0; r < loaded.Count; r++)
        {
            var item = items.GetValueOrDefault(loaded.Ids[r]);
            rows.Add(new ParquetEmbeddingRow
            {
                Id = loaded.Ids[r],
                Path = item?.RelativePath ?? "",
                Title = item?.Title,
                Labels = [.. item?.Labels ?? []],
                Tags = [.. item?.Tags ?? []],
                Extra = JsonSerializer.Serialize(item?.Extra ?? new Dictionary<string, string>()),
                Embedding = [.. loaded.Vector(r)],
            });
        }
        var metadata = new Dictionary<string, string> { [IdentityKey] = JsonSerializer.Serialize(loaded.Identity, EmbeddingStore.Json) };
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await ParquetSerializer.SerializeAsync(rows, temporary, null, metadata, cancellationToken).ConfigureAwait(false);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary)) File.Delete(temporary);
        }
        return rows.Count;
    }

    /// <summary>
    /// Reads a Parquet file written by <see cref="ExportAsync"/> (or by anyone, with the same columns) into a space of
    /// <paramref name="store"/>, replacing that space. Items the store does not know yet are added to its metadata.
    /// </summary>
    /// <exception cref="DatasetException">The file is missing, lacks the id/embedding columns, or its vectors differ in length.</exception>
    public static async Task<SpaceIdentity> ImportAsync(string path, EmbeddingStore store, string? space = null, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(path)) throw new DatasetException(path, "no such Parquet file.");
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
        var bad = rows.FirstOrDefault(r => r.Embedding.Count != dimension || string.IsNullOrEmpty(r.Id));
        if (dimension == 0 || bad is not null)
            throw new DatasetException(path, $"row '{bad?.Id}' has {bad?.Embedding.Count} values where the first row has {dimension}; every row needs an id and an embedding of the same length.");

        var identity = metadata.TryGetValue(IdentityKey, out var json)
            ? JsonSerializer.Deserialize<SpaceIdentity>(json, EmbeddingStore.Json)!
            : new SpaceIdentity(space ?? Path.GetFileNameWithoutExtension(path), "imported", "Unknown", "", dimension, "", new Dictionary<string, string>());
        identity = identity with { Space = EmbeddingStore.CheckName(space ?? identity.Space) };
        if (identity.Dimension != dimension) throw new DatasetException(path, $"the space identity says dimension {identity.Dimension} but the rows hold {dimension} values.");

        var log = VectorLog.Create(store.SpaceDirectory(identity.Space), dimension, JsonSerializer.Serialize(identity, EmbeddingStore.Json));
        var vectors = new float[rows.Count * dimension];
        for (var i = 0; i < rows.Count; i++) rows[i].Embedding.CopyTo(vectors, i * dimension);
        log.Append([.. rows.Select(r => new LogRow(r.Id, "imported"))], vectors);
        log.Compact();

        var items = store.ReadItems().ToDictionary(i => i.Id, StringComparer.Ordinal);
        foreach (var r in rows)
            if (!items.ContainsKey(r.Id))
                items[r.Id] = new DatasetItem(r.Id, r.Path, r.Title, r.Labels, r.Tags,
                    JsonSerializer.Deserialize<Dictionary<string, string>>(string.IsNullOrEmpty(r.Extra) ? "{}" : r.Extra) ?? []);
        store.WriteItems(items.Values.OrderBy(i => i.Id, StringComparer.Ordinal));
        return identity;
    }
}
