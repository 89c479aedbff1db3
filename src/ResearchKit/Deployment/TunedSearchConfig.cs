using System.Runtime.InteropServices;
using ResearchKit.Search;
using ResearchKit.Tuning;

namespace ResearchKit.Deployment;

/// <summary>
/// Assembles the deployment config from what tuning found (<see cref="TuningState"/>, the store's <c>tuning.json</c>):
/// the same assembly for <c>researchkit export-config</c> and the export notebook.
/// </summary>
public static class TunedSearchConfig
{
    /// <summary>
    /// The search options the tuning results describe for <paramref name="space"/>: a hybrid blend with its second space
    /// when tuning found one that helps (weight below 1), else <paramref name="space"/> with its tuned crops; calibration
    /// and expansion either way. A blend cannot re-rank by crops, so tuned crops apply only to the single space.
    /// </summary>
    public static SearchOptions Options(TuningState state, string space)
    {
        ArgumentNullException.ThrowIfNull(state);
        SearchTarget target = state.HybridWith is { } other && state.HybridWeight is { } w && w < 1
            ? new HybridBlend([new SpaceWeight(space, w), new SpaceWeight(other, 1 - w)])
            {
                Normalization = state.HybridNormalization is { } n ? Enum.Parse<ScoreNormalization>(n, ignoreCase: true) : ScoreNormalization.ZScore,
            }
            : new SingleSpace(space)
            {
                Crops = state.LocalWeight is { } local ? new CropRerankOptions(state.RecallDepth ?? 50, new CropLayout(state.CropGrid ?? 2), 1 - local, local) : null,
            };
        return new SearchOptions
        {
            Target = target,
            Calibration = state.Temperature is { } t && state.Bias is { } b ? new ScoreCalibration(t, b) : null,
            Expansion = state.Expansion?.GetValueOrDefault(space),
        };
    }

    /// <summary>The learned triplet weights of <paramref name="space"/>, when tuning trained some for it; else null.</summary>
    public static float[]? Weights(TuningState state, string storeDirectory, string space)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.TripletWeightsFile is not { } file || state.Space != space) return null;
        var path = Path.Combine(storeDirectory, file);
        if (!File.Exists(path)) throw new SearchConfigException(path, "tuning.json names this triplet weight file, which is missing; train the weights again.");
        return MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(path)).ToArray();
    }

    /// <summary>The config for <paramref name="space"/> (default: the space tuned last, else the store's first), not yet saved.</summary>
    /// <param name="engine">The engine over the tuned store.</param>
    /// <param name="state">The tuning results.</param>
    /// <param name="storeDirectory">The store holding tuning.json and the weight file.</param>
    /// <param name="dataset">Where the judgments came from (recorded as provenance).</param>
    /// <param name="space">Space to export.</param>
    /// <returns>The config and the learned weights to pass to <see cref="SearchConfig.Save"/> (null when none were trained).</returns>
    public static (SearchConfig Config, float[]? Weights) Assemble(SearchEngine engine, TuningState state, string storeDirectory, string dataset, string? space = null)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(state);
        var name = space ?? state.Space ?? engine.Spaces[0];
        var provenance = new ConfigProvenance(dataset, state.Judgments, state.HeldOutMetrics, DateTimeOffset.UtcNow,
            typeof(SearchConfig).Assembly.GetName().Version?.ToString() ?? "0");
        var config = SearchConfigMapping.FromOptions(engine, Options(state, name), provenance);
        if (config.Calibration is { } c && state.Threshold is { } th) config = config with { Calibration = c with { Threshold = th } };
        return (config, Weights(state, storeDirectory, name));
    }
}
