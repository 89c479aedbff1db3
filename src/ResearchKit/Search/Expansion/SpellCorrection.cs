namespace ResearchKit.Search.Expansion;

/// <summary>The result of spell-correcting a query: the text before and after, and each word changed.</summary>
/// <param name="Original">The query as given.</param>
/// <param name="Corrected">The query with corrections applied; everything else (spacing, punctuation) is kept.</param>
/// <param name="Changes">The words replaced, in query order; empty when nothing changed.</param>
public sealed record SpellCorrection(string Original, string Corrected, IReadOnlyList<WordCorrection> Changes)
{
    /// <summary>Whether any word was replaced.</summary>
    public bool Changed => Changes.Count > 0;
}
