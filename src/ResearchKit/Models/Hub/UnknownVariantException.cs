namespace ResearchKit.Models.Hub;

/// <summary>A graph variant that the registry entry does not list.</summary>
public sealed class UnknownVariantException : ModelNotFoundException
{
    public UnknownVariantException(string model, string variant, IReadOnlyList<string> known)
        : base(model, known.Count == 0
            ? $"Model '{model}' has no variant '{variant}': its repository ships only the fp32 graphs; ask for no variant."
            : $"Model '{model}' has no variant '{variant}'. Its variants are: {string.Join(", ", known)}, or no variant for fp32.")
    {
        Variant = variant;
        KnownVariants = known;
    }

    /// <summary>The variants the entry does list.</summary>
    public IReadOnlyList<string> KnownVariants { get; }
}
