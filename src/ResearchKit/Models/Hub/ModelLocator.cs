namespace ResearchKit.Models.Hub;

/// <summary>
/// Turns what a user typed for a model into a directory: an existing directory as it is, or a registry
/// name into the snapshot directory it was pulled to. The caller supplies the registry, the cache and the
/// folder of local models; nothing here looks for them.
/// </summary>
public static class ModelLocator
{
    /// <summary>Resolves against a given registry and cache; entries that are not pullable resolve to <paramref name="localModels"/>/NAME when that folder exists.</summary>
    /// <param name="nameOrDirectory">A model directory, or a registry name such as <c>facebook/dinov2-small</c>.</param>
    /// <param name="registry">The registry to look names up in.</param>
    /// <param name="cacheDirectory">The hub cache; null for <see cref="HubCache.DefaultRoot"/>.</param>
    /// <param name="variant">The graph variant that must be in the snapshot (fp16, quantized, ...), or null for fp32.</param>
    /// <param name="localModels">A folder of model directories named after registry entries that cannot be downloaded (the tool ships its embedded models so); null for none.</param>
    /// <exception cref="ModelNotFoundException">Not a directory, and the name is unknown (<see cref="UnknownModelException"/>) or not pulled yet.</exception>
    public static string Resolve(string nameOrDirectory, ModelRegistry registry, string? cacheDirectory, string? variant = null, string? localModels = null) =>
        Locate(nameOrDirectory, registry, cacheDirectory, variant, localModels).Directory;

    /// <summary>Like <see cref="Resolve"/>, and says which registry entry and variant it found.</summary>
    /// <exception cref="ModelNotFoundException">Not a directory, and the name is unknown, the variant is not listed, or it is not pulled yet.</exception>
    public static LocatedModel Locate(string nameOrDirectory, ModelRegistry registry, string? cacheDirectory = null, string? variant = null, string? localModels = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrDirectory);
        ArgumentNullException.ThrowIfNull(registry);
        if (Directory.Exists(nameOrDirectory)) return new LocatedModel(nameOrDirectory, null, null);

        var entry = registry.Find(nameOrDirectory);
        var chosen = entry.Variant(variant);
        // A registry name must never step out of the local folder.
        if (!entry.Pullable && localModels is not null && IsPlainName(entry.Name)
            && Path.Combine(localModels, entry.Name) is var local && Directory.Exists(local))
            return new LocatedModel(local, entry, chosen);
        var cache = new HubCache(cacheDirectory);
        var snapshot = cache.FindSnapshot(entry, variant)
            ?? throw new ModelNotFoundException(nameOrDirectory,
                $"Model '{entry.Name}'{(chosen is null ? "" : $" (variant {chosen.Name})")} is not in the hub cache at {cache.Root}"
                + (entry.Pullable ? "; download it first." : $", and it cannot be downloaded ({entry.Note}); give its model directory instead."))
            { Variant = chosen?.Name, Pullable = entry.Pullable };
        return new LocatedModel(snapshot, entry, chosen);
    }

    private static bool IsPlainName(string name) =>
        !name.Contains('/') && !name.Contains('\\') && !name.Contains("..", StringComparison.Ordinal);
}
