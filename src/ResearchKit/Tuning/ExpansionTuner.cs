using System.Globalization;
using ResearchKit.Search;
using ResearchKit.Search.Expansion;

namespace ResearchKit.Tuning;

/// <summary>
/// Fits query expansion for one model and gallery on generated queries (<see cref="ExpansionQueryGenerator"/>): splits
/// them by a hash into dev and test, searches the settings by coordinate ascent on the dev queries' mean nDCG@k
/// (a value is only taken when no kind of dev query gets worse on average than plain search), then gates: expansion
/// stays on only when it beats the plain query on the dev queries, pooled, and no kind loses. The test queries are
/// scored once, at the end, for the report.
/// </summary>
public sealed class ExpansionTuner
{
    private readonly SearchEngine _engine;
    private readonly string _space;

    /// <summary>Tunes <paramref name="space"/> of <paramref name="engine"/>'s gallery under <paramref name="options"/> (defaults when null).</summary>
    public ExpansionTuner(SearchEngine engine, string space, ExpansionTuningOptions? options = null)
    {
        _engine = engine ?? throw new ArgumentNullException(nameof(engine));
        ArgumentException.ThrowIfNullOrWhiteSpace(space);
        _space = space;
        Options = options ?? new ExpansionTuningOptions();
    }

    /// <summary>The options in force.</summary>
    public ExpansionTuningOptions Options { get; }

    /// <summary>Tunes on the dev part of <paramref name="queries"/> and reports on the test part.</summary>
    /// <exception cref="ArgumentException">No query has a relevant item in this gallery, or the dev part is empty.</exception>
    public ExpansionTuningResult Tune(IReadOnlyList<ExpansionQuery> queries, IProgress<string>? progress = null, CancellationToken cancellationToken = default)
    {
        var all = new ExpansionTestCollection(_engine, _space, queries, Options.K);
        if (all.Queries.Count == 0)
            throw new ArgumentException("no generated query has a relevant item in this gallery; generate the queries from metadata that matches it.");
        var (dev, test) = all.Split(Options.TestFraction);
        if (dev.Queries.Count == 0) throw new ArgumentException($"all {all.Queries.Count} queries fell in the test part; lower the test fraction.");
        progress?.Report($"{dev.Queries.Count} dev and {test.Queries.Count} test queries; searching settings on the dev queries");

        var plain = dev.Score(null, cancellationToken);
        var scored = new Dictionary<QueryExpansionSettings, QueryScore[]>();
        QueryScore[] Score(QueryExpansionSettings s)
        {
            if (!scored.TryGetValue(s, out var scores)) scored[s] = scores = dev.Score(s, cancellationToken);
            return scores;
        }
        bool NeverWorse(QueryScore[] s) => dev.Queries.Select((q, i) => (q.Query.Kind, Gain: s[i].Ndcg - plain[i].Ndcg))
            .GroupBy(x => x.Kind).All(g => g.Average(x => x.Gain) >= -1e-12);

        var current = Options.Start;
        var best = Score(current).Average(s => s.Ndcg);
        var trials = new List<ExpansionTrial> { new("start", "defaults", best, NeverWorse(Score(current)), true) };
        for (var round = 0; round < Options.Rounds; round++)
        {
            foreach (var (setting, values) in Axes())
            {
                foreach (var (label, apply) in values)
                {
                    var candidate = apply(current);
                    if (candidate == current) continue;
                    var scores = Score(candidate);
                    var mean = scores.Average(s => s.Ndcg);
                    var safe = NeverWorse(scores);
                    var kept = safe && (mean > best + 1e-12 || !NeverWorse(Score(current)));
                    if (kept) (current, best) = (candidate, mean);
                    trials.Add(new ExpansionTrial(setting, label, mean, safe, kept));
                    progress?.Report(string.Create(CultureInfo.InvariantCulture, $"  {setting} = {label}: dev nDCG@{Options.K} {mean:0.0000}{(kept ? " (kept)" : safe ? "" : " (worse than plain on some kind)")}"));
                }
            }
        }

        var tuned = Score(current);
        var gain = BootstrapInterval.ForDifference([.. plain.Select(s => s.Ndcg)], [.. tuned.Select(s => s.Ndcg)], seed: Options.Seed);
        var open = gain.MeanDifference > 0 && NeverWorse(tuned);
        var settings = current with { Gate = new ExpansionGate(open, $"ndcg@{Options.K}", dev.Queries.Count, gain.MeanDifference, gain.Low, gain.High) };
        progress?.Report(settings.Gate.Note);

        var devReport = dev.Compare(plain, open ? tuned : plain, Options.Seed);
        var testPlain = test.Score(null, cancellationToken);
        var testReport = test.Queries.Count == 0 ? [] : test.Compare(testPlain, test.Score(settings, cancellationToken), Options.Seed);
        return new ExpansionTuningResult(_space, Options.K, settings, trials, devReport, testReport, Spelling(test, cancellationToken));
    }

    // Spell correction on its own (no expansion, bare prompt) against plain search, on the misspelled test queries.
    private ExpansionComparison? Spelling(ExpansionTestCollection test, CancellationToken cancellationToken)
    {
        var misspelled = test.Where(q => q.Query.Kind == ExpansionQueryKind.Misspelling);
        if (misspelled.Queries.Count == 0) return null;
        var spellOnly = new QueryExpansionSettings { Terms = new VocabularyExpansionOptions { Sources = ExpansionSources.None }, SpellCorrect = true };
        return ExpansionComparison.Of("misspelling", misspelled.Score(null, cancellationToken), misspelled.Score(spellOnly, cancellationToken), Options.Seed);
    }

    private IEnumerable<(string Setting, IReadOnlyList<(string Label, Func<QueryExpansionSettings, QueryExpansionSettings> Apply)> Values)> Axes()
    {
        static (string, Func<QueryExpansionSettings, QueryExpansionSettings>) Terms(string label, Func<VocabularyExpansionOptions, VocabularyExpansionOptions> change) =>
            (label, s => s with { Terms = change(s.Terms) });
        static string F(float v) => v.ToString("0.##", CultureInfo.InvariantCulture);

        // Spelling first: it decides the misspelled queries, and the other settings should be judged with them corrected.
        yield return ("spelling", [.. new[] { false, true }.Select(on => (on ? "on" : "off", (Func<QueryExpansionSettings, QueryExpansionSettings>)(s => s with { SpellCorrect = on })))]);
        yield return ("fusion", [.. new[] { FusionMode.MaxStandardized, FusionMode.MaxScore, FusionMode.WeightedMean }
            .Select(m => (Deployment.SearchConfigMapping.FusionName(m), (Func<QueryExpansionSettings, QueryExpansionSettings>)(s => s with { Mode = m })))]);
        yield return ("templates", [.. Options.Ensembles.Select(e => (string.Join(" | ", e.Templates),
            (Func<QueryExpansionSettings, QueryExpansionSettings>)(s => s with { Templates = e.Templates.SequenceEqual(["{}"]) ? null : e.Templates })))]);
        yield return ("query weight", [.. new[] { 0.25f, 0.5f, 0.75f, 1f }.Select(w => Terms(F(w), t => t with { QueryWeight = w }))]);
        if (Options.Quick) yield break;
        yield return ("candidates", [.. new[] { 3, 6, 10 }.Select(n => Terms(n.ToString(CultureInfo.InvariantCulture), t => t with { MaxCandidates = n }))]);
        yield return ("entries per term", [.. new[] { 0, 1, 2 }.Select(n => Terms(n.ToString(CultureInfo.InvariantCulture), t => t with { EntriesPerTerm = n }))]);
        yield return ("non-noun weight", [.. new[] { 0.4f, 0.6f, 0.8f, 1f }.Select(w => Terms(F(w), t => t with { NonNounWeight = w }))]);
        yield return ("sense keep ratio", [.. new[] { 0.25f, 0.5f, 0.75f, 1f }.Select(r => Terms(F(r), t => t with { SenseKeepRatio = r }))]);
        yield return ("hyponym weight", [.. new[] { 0.6f, 0.8f, 1f }.Select(w => Terms(F(w), t => t with { HyponymWeight = w }))]);
        yield return ("hypernym weight", [.. new[] { 0.4f, 0.6f, 0.8f }.Select(w => Terms(F(w), t => t with { HypernymWeight = w }))]);
        yield return ("step decay", [.. new[] { 0.5f, 0.7f, 0.9f }.Select(d => Terms(F(d), t => t with { StepDecay = d }))]);
        yield return ("gloss weight", [.. new[] { 0f, 0.3f, 0.5f, 0.8f }.Select(w => Terms(F(w), t => t with { GlossWeight = w }))]);
        yield return ("neighbour weight", [.. new[] { 0f, 0.3f, 0.5f, 0.8f }.Select(w => Terms(F(w), t => t with { NeighbourWeight = w }))]);
        yield return ("agreement weight", [.. new[] { 0f, 1f, 3f }.Select(w => Terms(F(w), t => t with { AgreementWeight = w }))]);
        yield return ("synonym weight", [.. new[] { 0.7f, 1f }.Select(w => Terms(F(w), t => t with { SynonymWeight = w }))]);
        yield return ("related weight", [.. new[] { 0.4f, 0.7f, 1f }.Select(w => Terms(F(w), t => t with { RelatedWeight = w }))]);
        yield return ("entry weight", [.. new[] { 0.7f, 0.9f, 1f }.Select(w => Terms(F(w), t => t with { EntryWeight = w }))]);
        yield return ("most terms", [.. new[] { 8, 12, 18, 24 }.Select(n => Terms(n.ToString(CultureInfo.InvariantCulture), t => t with { MaxTerms = n }))]);
    }
}
