using ResearchKit.Datasets;

namespace ResearchKit.Search;

/// <summary>One search hit: the item, its final score, calibrated probability, and the global and crop scores it came from.</summary>
/// <param name="Id">Item id.</param>
/// <param name="Score">Final score (what the ranking used).</param>
/// <param name="Calibrated">sigmoid(T * score + b) when a calibration applies, else null.</param>
/// <param name="Global">Whole-image score (or blended hybrid score).</param>
/// <param name="Local">Best crop score, when crop re-ranking ran.</param>
/// <param name="SpaceScores">Per-space similarity for hybrid searches.</param>
/// <param name="Item">The item's metadata.</param>
public sealed record SearchResult(
    string Id,
    double Score,
    double? Calibrated,
    double Global,
    double? Local,
    IReadOnlyDictionary<string, double>? SpaceScores,
    DatasetItem? Item);
