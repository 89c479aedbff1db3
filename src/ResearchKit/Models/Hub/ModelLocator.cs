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
    /// <param name="variant">The graph variant that must be in the snapshot (fp16, quantized, ...), or null for fp32.</param>
    /// <exception cref="ModelNotFoundException">Not a directory, and the name is unknown (<see cref="UnknownModelException"/>) or not pulled yet.</exception>
    public static string Resolve(string nameOrDirectory, ModelRegistry? registry, string? cacheDirectory, string? variant = null) =>
        Locate(nameOrDirectory, registry, cacheDirectory, variant).Directory;

    /// <summary>Like <see cref="Resolve(string, ModelRegistry?, string?, string?)"/>, and says which registry entry and variant it found.</summary>
    /// <exception cref="ModelNotFoundException">Not a directory, and the name is unknown, the variant is not listed, or it is not pulled yet.</exception>
    public static LocatedModel Locate(string nameOrDirectory, ModelRegistry? registry = null, string? cacheDirectory = null, string? variant = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nameOrDirectory);
        if (Directory.Exists(nameOrDirectory)) return new LocatedModel(nameOrDirectory, null, null);

        registry ??= ModelRegistry.LoadDefault();
        var entry = registry.Find(nameOrDirectory);
        var chosen = entry.Variant(variant);
        if (!entry.Pullable && EmbeddedModels.Find(entry.Name) is { } embedded) return new LocatedModel(embedded, entry, chosen);
        var cache = new HubCache(cacheDirectory);
        var pull = chosen is null ? $"researchkit models pull {entry.Name}" : $"researchkit models pull {entry.Name} --variant {chosen.Name}";
        var snapshot = cache.FindSnapshot(entry, variant)
            ?? throw new ModelNotFoundException(nameOrDirectory,
                $"Model '{entry.Name}'{(chosen is null ? "" : $" (variant {chosen.Name})")} has not been downloaded into {cache.Root}: run `{pull}`"
                + (entry.Pullable ? "." : $" (not possible for this entry: {entry.Note}) or pass a model directory instead."));
        return new LocatedModel(snapshot, entry, chosen);
    }
}
