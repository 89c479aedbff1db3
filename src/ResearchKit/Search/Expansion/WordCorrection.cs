namespace ResearchKit.Search.Expansion;

/// <summary>One misspelled word and its replacement.</summary>
/// <param name="Original">The word as typed.</param>
/// <param name="Corrected">The replacement, in the typed word's capitalisation.</param>
/// <param name="Distance">Edit distance between them (1 or 2).</param>
public sealed record WordCorrection(string Original, string Corrected, int Distance);
