using System.Text.Json;
using ResearchKit.IO;

namespace ResearchKit.Tuning;

/// <summary>
/// What the tune commands found for a dataset, kept in <c>tuning.json</c> in its store so <c>export-config</c>
/// can assemble the deployment config from the latest results. Replaced atomically.
/// </summary>
public sealed record TuningState
{
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public string? Space { get; init; }
    public double? Temperature { get; init; }
    public double? Bias { get; init; }
    public double? Threshold { get; init; }
    public double? LocalWeight { get; init; }
    public int? CropGrid { get; init; }
    public int? RecallDepth { get; init; }
    public string? HybridWith { get; init; }
    public double? HybridWeight { get; init; }

    /// <summary>Score normalisation the hybrid weight was tuned under (zscore, rank or none); null means zscore.</summary>
    public string? HybridNormalization { get; init; }
    public string? TripletWeightsFile { get; init; }

    /// <summary>Expansion settings fitted by <c>researchkit tune expansion</c>, gate included, by space.</summary>
    public Dictionary<string, Search.QueryExpansionSettings>? Expansion { get; init; }
    public int Judgments { get; init; }
    public Dictionary<string, double> HeldOutMetrics { get; init; } = [];

    public static string PathIn(string storeDirectory) => System.IO.Path.Combine(storeDirectory, "tuning.json");

    public static TuningState Read(string storeDirectory)
    {
        var path = PathIn(storeDirectory);
        return File.Exists(path) ? JsonSerializer.Deserialize<TuningState>(File.ReadAllBytes(path), Json) ?? new() : new();
    }

    public void Write(string storeDirectory) => AtomicFile.WriteText(PathIn(storeDirectory), JsonSerializer.Serialize(this, Json));
}
