namespace ResearchKit.Search.Expansion;

/// <summary>One "PFX/SFX flag strip add condition" line: remove <see cref="Strip"/>, then attach <see cref="Add"/>.</summary>
internal sealed record AffixRule(string Strip, string Add, AffixCondition Condition)
{
    /// <summary>The word with this suffix applied, or null when the condition or strip does not fit.</summary>
    public string? ApplySuffix(string word)
    {
        if (!Condition.MatchesEnd(word) || !word.EndsWith(Strip, StringComparison.Ordinal)) return null;
        // Stripping the whole stem would leave only the affix, which Hunspell does not generate either.
        if (Strip.Length >= word.Length) return null;
        return word[..^Strip.Length] + Add;
    }

    /// <summary>The word with this prefix applied, or null when the condition or strip does not fit.</summary>
    public string? ApplyPrefix(string word)
    {
        if (!Condition.MatchesStart(word) || !word.StartsWith(Strip, StringComparison.Ordinal)) return null;
        if (Strip.Length >= word.Length) return null;
        return Add + word[Strip.Length..];
    }
}
