using ResearchKit.Models.Hub;

namespace ResearchKit.Models;

/// <summary>
/// Turns what a user typed for a model into a directory: an existing directory as it is, or a registry
/// name into the snapshot directory it was pulled to. Lives in <c>ResearchKit.Models</c> (its helpers
/// are in <c>ResearchKit.Models.Hub</c>) so callers need only that namespace.
/// </summary>
public static class ModelLocator
{
    /// <summary>Resolves with the default registry and the default hub cache.</summary>
    /// <exception cref="ModelNotFoundException">Not a directory, and the name is unknown (<see cref="UnknownModelException"/>) or not pulled yet.</exception>
    public static string Resolve(string nameOrDirectory) => Resolve(nameOrDirectory, registry: null, cacheDirectory: null);

    /// <summary>Resolves against a given registry and cache; entries that are not pullable resolve to an embedded model (models/emoji/NAME) when the checkout has one.</summary>
    /// <param name="nameOrDirectory">A model directory, or a registry name such as <c>facebook/dinov2-small</c>.</param>
    /// <param name="registry">The registry to look names up in; null loads the default one (only when needed).</param>
    /// <param name="cacheDirectory">The hub cache; null for <see cref="HubCache.DefaultRoot"/>.</param>
    /// <exception cref="ModelNotFoundException">Not a directory, and the name is unknown (<see cref="UnknownModelException"/>) or not pulled yet.</exception>
    public static string Resolve(string nameOrDirectory, ModelRegistry? registry, string? cacheDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrDirectory);
        if (Directory.Exists(nameOrDirectory)) return nameOrDirectory;

        registry ??= ModelRegistry.LoadDefault();
        var entry = registry.Find(nameOrDirectory);
        if (!entry.Pullable && EmbeddedModels.Find(entry.Name) is { } embedded) return embedded;
        var cache = new HubCache(cacheDirectory);
        return cache.FindSnapshot(entry)
            ?? throw new ModelNotFoundException(nameOrDirectory,
                $"Model '{entry.Name}' has not been downloaded into {cache.Root}: run `researchkit models pull {entry.Name}`"
                + (entry.Pullable ? "." : $" (not possible for this entry: {entry.Note}) or pass a model directory instead."));
    }
}
