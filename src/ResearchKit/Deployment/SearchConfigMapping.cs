using ResearchKit.Search;
using ResearchKit.Search.Expansion;

namespace ResearchKit.Deployment;

/// <summary>Turns tuned <see cref="SearchOptions"/> into a <see cref="SearchConfig"/> and back, so a service reproduces the notebook exactly.</summary>
public static class SearchConfigMapping
{
    /// <summary>The config for searching <paramref name="engine"/>'s store with <paramref name="options"/>.</summary>
    public static SearchConfig FromOptions(SearchEngine engine, SearchOptions options, ConfigProvenance provenance)
    {
        ArgumentNullException.ThrowIfNull(options);
        var single = options.Target as SingleSpace;
        var hybrid = options.Target as HybridBlend;
        var weights = hybrid?.Weights ?? [new SpaceWeight(single!.Space ?? engine.Spaces.Single(), 1)];
        var spaces = weights.Select(w =>
        {
            var id = engine.Space(w.Space).Identity;
            return new ConfigSpace(w.Space, w.Weight, id.Model, id.Family, id.Dimension, id.PreprocessFingerprint, id.Files);
        }).ToList();
        var calibration = engine.CalibrationFor(spaces[0].Name, options);
        var expansion = options.Expansion is { } e ? ToConfig(e) : null;
        return new SearchConfig
        {
            Spaces = spaces,
            Normalization = (hybrid?.Normalization ?? ScoreNormalization.ZScore).ToString().ToLowerInvariant(),
            TopK = options.TopK,
            RecallDepth = single?.Crops?.RecallDepth ?? single?.Distance?.RecallDepth ?? DistanceRerank.DefaultRecallDepth,
            Crops = single?.Crops is { } c ? new ConfigCrops(c.EffectiveLayout.Grid, c.EffectiveLayout.Overlap, c.EffectiveLayout.Center, c.EffectiveLayout.Count, c.GlobalWeight, c.LocalWeight) : null,
            Calibration = calibration is null ? null : new ConfigCalibration(calibration.Temperature, calibration.Bias, null),
            Expansion = expansion,
            Provenance = provenance,
        };
    }

    /// <summary>
    /// The search options a config describes (the learned weights included once loaded). A config of several spaces is
    /// a hybrid blend, which re-ranks neither by crops nor by learned weights: <see cref="SearchConfig.Load"/> refuses
    /// crops there, and learned weights a config carries beside a blend are not applied (a blend never applied them).
    /// </summary>
    /// <exception cref="ArgumentException">A value is out of range (the message names it); a loaded config has passed these checks.</exception>
    public static SearchOptions ToOptions(SearchConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        SearchTarget target = config.Spaces.Count == 1
            ? new SingleSpace(config.Spaces[0].Name)
            {
                Crops = config.Crops is { } c ? new CropRerankOptions(config.RecallDepth, new CropLayout(c.Grid, c.Overlap, c.Center), c.GlobalWeight, c.LocalWeight) : null,
                Distance = config.Weights is { } weights ? new DistanceRerank(weights) { RecallDepth = config.RecallDepth } : null,
            }
            : new HybridBlend([.. config.Spaces.Select(s => new SpaceWeight(s.Name, s.Weight))])
            {
                Normalization = Enum.Parse<ScoreNormalization>(config.Normalization, ignoreCase: true),
            };
        return new SearchOptions
        {
            Target = target,
            TopK = config.TopK,
            Calibration = config.Calibration is { } k ? new ScoreCalibration(k.Temperature, k.Bias) : null,
            Expansion = config.Expansion is { } e ? ToSettings(e) : null,
        };
    }

    /// <summary>The exported form of expansion settings.</summary>
    public static ConfigExpansion ToConfig(QueryExpansionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var t = settings.Terms;
        return new ConfigExpansion
        {
            Sources = t.Sources.ToString(), QueryWeight = t.QueryWeight, SynonymWeight = t.SynonymWeight, HypernymWeight = t.HypernymWeight,
            HyponymWeight = t.HyponymWeight, RelatedWeight = t.RelatedWeight, GlossWeight = t.GlossWeight, StepDecay = t.StepDecay,
            HypernymDepth = t.HypernymDepth, HyponymDepth = t.HyponymDepth, MaxSenses = t.MaxSenses, SenseDecay = t.SenseDecay, NonNounWeight = t.NonNounWeight,
            SenseKeepRatio = t.SenseKeepRatio, PhraseWeight = t.PhraseWeight, AgreementWeight = t.AgreementWeight,
            NeighbourCount = t.NeighbourCount, NeighbourMinSimilarity = t.NeighbourMinSimilarity, NeighbourWeight = t.NeighbourWeight,
            EntriesPerTerm = t.EntriesPerTerm, EntryWeight = t.EntryWeight, MaxCandidates = t.MaxCandidates, MaxTerms = t.MaxTerms,
            MaxUnknownWords = t.MaxUnknownWords, MaxQueryWords = t.MaxQueryWords,
            Templates = settings.Templates, Fusion = FusionName(settings.Mode), SpellCorrect = settings.SpellCorrect,
            Gate = settings.Gate is { } g ? new ConfigExpansionGate(g.Open, g.Metric, g.DevQueries, g.Gain, g.Low, g.High, g.Note) : null,
        };
    }

    /// <summary>The expansion settings an exported section describes.</summary>
    /// <exception cref="ArgumentException">A field has a value the library does not know (the message names it).</exception>
    public static QueryExpansionSettings ToSettings(ConfigExpansion e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var sources = string.Equals(e.Relations, "None", StringComparison.OrdinalIgnoreCase) ? ExpansionSources.None
            : Enum.TryParse<ExpansionSources>(e.Sources, ignoreCase: true, out var parsed) ? parsed
            : throw new ArgumentException($"expansion.sources '{e.Sources}' is not All, WordNet, Neighbours or None.");
        return new QueryExpansionSettings
        {
            Terms = new VocabularyExpansionOptions
            {
                Sources = sources, QueryWeight = e.QueryWeight, SynonymWeight = e.SynonymWeight, HypernymWeight = e.HypernymWeight,
                HyponymWeight = e.HyponymWeight, RelatedWeight = e.RelatedWeight, GlossWeight = e.GlossWeight, StepDecay = e.StepDecay,
                HypernymDepth = e.HypernymDepth, HyponymDepth = e.HyponymDepth, MaxSenses = e.MaxSenses, SenseDecay = e.SenseDecay, NonNounWeight = e.NonNounWeight,
                SenseKeepRatio = e.SenseKeepRatio, PhraseWeight = e.PhraseWeight, AgreementWeight = e.AgreementWeight,
                NeighbourCount = e.NeighbourCount, NeighbourMinSimilarity = e.NeighbourMinSimilarity, NeighbourWeight = e.NeighbourWeight,
                EntriesPerTerm = e.EntriesPerTerm, EntryWeight = e.EntryWeight, MaxCandidates = e.MaxCandidates, MaxTerms = e.MaxTerms,
                MaxUnknownWords = e.MaxUnknownWords, MaxQueryWords = e.MaxQueryWords,
            },
            Templates = e.Templates,
            Mode = FusionOf(e.Fusion),
            SpellCorrect = e.SpellCorrect,
            Gate = e.Gate is { } g ? new ExpansionGate(g.Open, g.Metric, g.DevQueries, g.Gain, g.Low, g.High) : null,
        };
    }

    /// <summary>The config's name of a fusion mode: mean, max or zmax.</summary>
    public static string FusionName(FusionMode mode) => mode switch
    {
        FusionMode.WeightedMean => "mean",
        FusionMode.MaxScore => "max",
        _ => "zmax",
    };

    /// <summary>The fusion mode a config name (mean, max or zmax) stands for.</summary>
    /// <exception cref="ArgumentException">The name is none of those.</exception>
    public static FusionMode FusionOf(string name) => name switch
    {
        "mean" => FusionMode.WeightedMean,
        "max" => FusionMode.MaxScore,
        "zmax" => FusionMode.MaxStandardized,
        _ => throw new ArgumentException($"fusion '{name}' is not mean, max or zmax."),
    };

    /// <summary>Checks that the store's spaces were built by exactly the models the config names.</summary>
    /// <exception cref="SearchConfigException">A space is missing or its model files' hashes differ.</exception>
    public static void VerifyModels(SearchConfig config, SearchEngine engine, string configPath)
    {
        foreach (var space in config.Spaces)
        {
            if (!engine.Spaces.Contains(space.Name))
                throw new SearchConfigException(configPath, $"names space '{space.Name}', which the store does not have (it has {string.Join(", ", engine.Spaces)}).");
            var identity = engine.Space(space.Name).Identity;
            foreach (var (file, hash) in space.Files)
                if (!identity.Files.TryGetValue(file, out var actual) || actual != hash)
                    throw new SearchConfigException(configPath, $"space '{space.Name}': model file {file} has SHA-256 {actual ?? "(absent)"} in the store but {hash} in the config; the store was built with another model. Re-index with the config's model or export the config again.");
            if (identity.Dimension != space.Dimension || identity.PreprocessFingerprint != space.PreprocessFingerprint)
                throw new SearchConfigException(configPath, $"space '{space.Name}' differs from the config in dimension or preprocessing; re-export the config from this store.");
        }
        if (config.TripletWeights is { } w && engine.Space(w.Space).Dimension != w.Dimension)
            throw new SearchConfigException(configPath, $"triplet weights have {w.Dimension} dimensions but space '{w.Space}' has {engine.Space(w.Space).Dimension}.");
    }
}
