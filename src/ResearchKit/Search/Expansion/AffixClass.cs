namespace ResearchKit.Search.Expansion;

/// <summary>
/// All rules of one affix flag, from its "PFX/SFX flag cross_product count" header on. CrossProduct ("Y" in the
/// header) says whether forms with this affix may also take an affix of the other kind.
/// </summary>
internal sealed record AffixClass(string Flag, bool IsSuffix, bool CrossProduct, List<AffixRule> Rules);
