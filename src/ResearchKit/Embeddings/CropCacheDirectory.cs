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

    /// <summary>Drops every crop cache of a space (its model or preprocessing changed).</summary>
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
            var log = VectorLog.TryOpen(dir);
            if (log is not null && log.ReadStamps().Keys.Any(k => !keep(k))) log.Compact(keep);
        }
    }
}
