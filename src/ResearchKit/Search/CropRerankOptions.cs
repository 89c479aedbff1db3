namespace ResearchKit.Search;

/// <summary>Two-stage search settings: recall the top <see cref="RecallDepth"/> globally, then blend in the best crop.</summary>
/// <param name="RecallDepth">Candidates taken from the global scan (default 50).</param>
/// <param name="Layout">Which crops to embed (default: centre + 4 quadrants).</param>
/// <param name="GlobalWeight">Weight of the whole-image score (default 0.7).</param>
/// <param name="LocalWeight">Weight of the best crop's score (default 0.3).</param>
public sealed record CropRerankOptions(int RecallDepth = 50, CropLayout? Layout = null, double GlobalWeight = 0.7, double LocalWeight = 0.3)
{
    public CropLayout EffectiveLayout => Layout ?? new CropLayout();

    public CropRerankOptions Validate()
    {
        if (RecallDepth < 1) throw new ArgumentOutOfRangeException(nameof(RecallDepth), RecallDepth, "recall depth must be at least 1.");
        if (GlobalWeight < 0 || LocalWeight < 0 || GlobalWeight + LocalWeight <= 0)
            throw new ArgumentException($"crop weights global={GlobalWeight}, local={LocalWeight}: both must be >= 0 and not both 0.");
        EffectiveLayout.Validate();
        return this;
    }
}
