namespace ResearchKit.Models.Hub;

/// <summary>A model directory, and the registry entry and variant it was found through (null for a plain directory).</summary>
/// <param name="Directory">The model directory to open.</param>
/// <param name="Entry">The registry entry the name matched, or null when a directory was given.</param>
/// <param name="Variant">The variant chosen, or null for the fp32 graphs.</param>
public sealed record LocatedModel(string Directory, RegistryEntry? Entry, RegistryVariant? Variant);
