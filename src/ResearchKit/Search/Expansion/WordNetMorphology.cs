namespace ResearchKit.Search.Expansion;

/// <summary>
/// WordNet's suffix-detachment rules (the ones its morphy function documents): replace an inflectional ending
/// and keep the result only if the index knows it. Irregular forms come from the *.exc lists instead.
/// </summary>
internal static class WordNetMorphology
{
    private static readonly (string Ending, string Replacement)[] NounRules =
        [("s", ""), ("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"), ("ies", "y")];

    private static readonly (string Ending, string Replacement)[] VerbRules =
        [("s", ""), ("ies", "y"), ("es", "e"), ("es", ""), ("ed", "e"), ("ed", ""), ("ing", "e"), ("ing", "")];

    private static readonly (string Ending, string Replacement)[] AdjectiveRules =
        [("er", ""), ("est", ""), ("er", "e"), ("est", "e")];

    /// <summary>Candidate base forms of <paramref name="lemma"/> by suffix rules alone, not yet checked against the index.</summary>
    public static IEnumerable<string> Detach(string lemma, PartOfSpeech pos)
    {
        // "boss" is not the plural of "bos" (a genus of cattle, which the index does know).
        if (pos == PartOfSpeech.Noun && lemma.EndsWith("ss", StringComparison.Ordinal)) yield break;
        var rules = pos switch
        {
            PartOfSpeech.Noun => NounRules,
            PartOfSpeech.Verb => VerbRules,
            PartOfSpeech.Adjective => AdjectiveRules,
            _ => [],
        };
        foreach (var (ending, replacement) in rules)
        {
            // A bare ending ("s", "es") is not a word with an inflection.
            if (lemma.Length > ending.Length && lemma.EndsWith(ending, StringComparison.Ordinal))
                yield return lemma[..^ending.Length] + replacement;
        }
    }
}
