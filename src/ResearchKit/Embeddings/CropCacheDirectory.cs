using ResearchKit.Embeddings.Storage;

namespace ResearchKit.Embeddings;

/// <summary>
/// Where a space keeps cached crop embeddings: one <see cref="VectorLog"/> per crop layout under
/// <c>spaces/NAME/crops/LAYOUT/</c>, each row holding all of an item's crops side by side.
/// </summary>
public static class CropCacheDirectory
{
    /// <summary>The folder of one layout's crop cache in a space folder.</summary>
    public static string For(string spaceDirectory, string layoutKey) => Path.Combine(spaceDirectory, "crops", layoutKey);

    /// <summary>
    /// The cached crops in <paramref name="directory"/> when they were made as <paramref name="options"/> describes;
    /// empty when there are none or they belong to another model. A damaged cache (it is only a cache) reads as empty
    /// with <c>Damaged</c> set, so the caller rebuilds it.
    /// </summary>
    public static (IReadOnlyDictionary<string, float[]> Crops, bool Damaged) Read(string directory, VectorLogWriterOptions options)
    {
        var found = new Dictionary<string, float[]>(StringComparer.Ordinal);
        try
        {
            if (VectorLog.TryOpen(directory) is not { } log || log.Identity != options.Identity || log.Width != options.Width) return (found, false);
            var snapshot = log.Load();
            for (var i = 0; i < snapshot.Rows.Count; i++) found[snapshot.Rows[i].Key] = snapshot.Row(i).ToArray();
            return (found, false);
        }
        catch (Exception e) when (e is StoreCorruptException or StoreVersionException)
        {
            return (new Dictionary<string, float[]>(StringComparer.Ordinal), true);
        }
    }

    /// <summary>Drops every crop cache of a space (its model or preprocessing changed). Only a space's whole-log writer calls this.</summary>
    public static void DeleteAll(string spaceDirectory)
    {
        var crops = Path.Combine(spaceDirectory, "crops");
        if (Directory.Exists(crops)) Directory.Delete(crops, recursive: true);
    }

    /// <summary>Keeps only the cached crops of items <paramref name="keep"/> accepts (changed or deleted images lose theirs).</summary>
    public static void Prune(string spaceDirectory, Func<string, bool> keep)
    {
        var crops = Path.Combine(spaceDirectory, "crops");
        if (!Directory.Exists(crops)) return;
        foreach (var dir in Directory.EnumerateDirectories(crops))
        {
            try
            {
                if (VectorLog.TryOpen(dir) is not { } log || log.ReadStamps().Keys.All(keep)) continue;
                // Skipped when a search process is adding crops right now; the next indexing run prunes them.
                using var writer = VectorLogWriter.TryOpen(dir, new VectorLogWriterOptions { Width = log.Width, Identity = log.Identity });
                writer?.Compact(keep);
            }
            catch (Exception e) when (e is StoreCorruptException or StoreVersionException)
            {
                // A damaged cache is rebuilt by the next search that reads it.
            }
        }
    }
}
