using ResearchKit.Models.Hub;

namespace ResearchKit.Models;

/// <summary>
/// Turns what a user typed for a model into a directory: an existing directory as it is, or a registry
/// name into the snapshot directory it was pulled to. Lives in <c>ResearchKit.Models</c> (its helpers
/// are in <c>ResearchKit.Models.Hub</c>) so callers need only that namespace. The caller supplies the
/// registry, the cache and the folder of local models; nothing here looks for them.
/// </summary>
public static class ModelLocator
{
    /// <summary>Resolves against a given registry and cache; entries that are not pullable resolve to <paramref name="localModels"/>/NAME when that folder exists.</summary>
    /// <param name="nameOrDirectory">A model directory, or a registry name such as <c>facebook/dinov2-small</c>.</param>
    /// <param name="registry">The registry to look names up in.</param>
    /// <param name="cacheDirectory">The hub cache; null for <see cref="HubCache.DefaultRoot"/>.</param>
    /// <param name="localModels">A folder holding model directories named after registry entries that cannot be downloaded (the tool ships its embedded models so); null for none.</param>
    /// <exception cref="ModelNotFoundException">Not a directory, and the name is unknown (<see cref="UnknownModelException"/>) or not pulled yet.</exception>
    public static string Resolve(string nameOrDirectory, ModelRegistry registry, string? cacheDirectory, string? localModels = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrDirectory);
        ArgumentNullException.ThrowIfNull(registry);
        if (Directory.Exists(nameOrDirectory)) return nameOrDirectory;

        var entry = registry.Find(nameOrDirectory);
        // Entry names are validated by the registry, but a name must never step out of the local folder.
        if (!entry.Pullable && localModels is not null && IsPlainName(entry.Name)
            && Path.Combine(localModels, entry.Name) is var local && Directory.Exists(local))
            return local;
        var cache = new HubCache(cacheDirectory);
        return cache.FindSnapshot(entry)
            ?? throw new ModelNotFoundException(nameOrDirectory,
                $"Model '{entry.Name}' is not in the hub cache at {cache.Root}"
                + (entry.Pullable ? "; download it first." : $", and it cannot be downloaded ({entry.Note}); give its model directory instead."));
    }

    private static bool IsPlainName(string name) =>
        !name.Contains('/') && !name.Contains('\\') && !name.Contains("..", StringComparison.Ordinal);
}
