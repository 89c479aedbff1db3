using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ResearchKit.Deployment;
using ResearchKit.Search;
using ResearchKit.Search.Expansion;
using ResearchKit.Tuning;
using Spectre.Console;

namespace ResearchKit.Cli.Commands;

/// <summary>The options <c>search</c> and <c>similar</c> share, and how both print results.</summary>
public sealed class SearchArguments
{
    public Option<string?> Space { get; } = new("--space", "-s") { Description = "Space to search (default: the only one)." };
    public Option<string?> Hybrid { get; } = new("--hybrid") { Description = "Blend spaces, e.g. 'siglip=0.7,dinov2=0.3'." };
    public Option<string> Normalization { get; } = new("--normalization") { Description = "Hybrid score normalisation: zscore, rank or none.", DefaultValueFactory = _ => "zscore" };
    public Option<int> Top { get; } = new("--top", "-k") { Description = "Results to return.", DefaultValueFactory = _ => 10 };
    public Option<string[]> Filter { get; } = new("--filter", "-f") { Description = "Metadata condition, e.g. tags=animal or set!=twemoji (repeatable, all must hold).", AllowMultipleArgumentsPerToken = false };
    public Option<string?> Rerank { get; } = new("--rerank") { Description = "Second stage: 'crops' re-ranks the recalled candidates by their best crop." };
    public Option<int> Recall { get; } = new("--recall") { Description = "Candidates recalled before crop re-ranking.", DefaultValueFactory = _ => 50 };
    public Option<int> CropGrid { get; } = new("--crop-grid") { Description = "Crop grid cells per side (plus a centre crop).", DefaultValueFactory = _ => 2 };
    public Option<double> CropOverlap { get; } = new("--crop-overlap") { Description = "Widen each grid cell by this fraction.", DefaultValueFactory = _ => 0.0 };
    public Option<string> CropWeights { get; } = new("--crop-weights") { Description = "Global and local weights, e.g. 0.7,0.3.", DefaultValueFactory = _ => "0.7,0.3" };
    public Option<bool> Int8 { get; } = new("--int8") { Description = "Scan int8-quantised vectors, then re-score the shortlist exactly." };
    public Option<double?> Temperature { get; } = new("--temperature") { Description = "Calibration T in sigmoid(T * score + b) (default: the model's own, when it has one)." };
    public Option<double> Bias { get; } = new("--bias") { Description = "Calibration b, used with --temperature.", DefaultValueFactory = _ => 0.0 };
    public Option<bool> Expand { get; } = new("--expand") { Description = "Replace the query words the gallery's labels and tags lack with the gallery terms WordNet and the model's text space link them to (settings from 'tune expansion' when the store has them)." };
    public Option<string?> Fusion { get; } = new("--fusion") { Description = "How expansion terms combine: zmax (max over terms standardised against the gallery), max (max over terms of weight x cosine) or mean (one weighted-mean vector). Default: the tuned one, else zmax." };
    public Option<bool> Spell { get; } = new("--spell") { Description = "Correct misspelled query words against the en_US Hunspell dictionary and the dataset's labels." };
    public Option<bool> Json { get; } = new("--json") { Description = "Print {\"results\":[{\"id\",\"score\",\"calibrated\",...}]} instead of a table." };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Space, Hybrid, Normalization, Top, Filter, Rerank, Recall, CropGrid, CropOverlap, CropWeights, Int8, Temperature, Bias, Expand, Fusion, Spell, Json })
            command.Options.Add(option);
    }

    /// <summary>The search options the command line describes.</summary>
    /// <exception cref="ArgumentException">An option value is malformed; the message names it.</exception>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="tunedExpansion">The store's tuned expansion settings for the searched space, used by --expand; null for the defaults.</param>
    public SearchOptions Build(ParseResult parse, QueryExpansionSettings? tunedExpansion = null)
    {
        var rerank = parse.GetValue(Rerank);
        if (rerank is not null && rerank != "crops") throw new ArgumentException($"--rerank '{rerank}' is not known; the only re-ranker is 'crops'.");
        var weights = ParseNumbers(parse.GetValue(CropWeights)!, "--crop-weights");
        if (weights.Length != 2) throw new ArgumentException($"--crop-weights needs two numbers 'global,local', got '{parse.GetValue(CropWeights)}'.");
        var normalization = Enum.TryParse<ScoreNormalization>(parse.GetValue(Normalization), true, out var n) ? n
            : throw new ArgumentException($"--normalization '{parse.GetValue(Normalization)}' is not zscore, rank or none.");
        if (parse.GetValue(Top) < 1) throw new ArgumentException($"--top {parse.GetValue(Top)}: ask for at least 1 result.");
        var crops = rerank is null ? null : new CropRerankOptions(parse.GetValue(Recall), new CropLayout(parse.GetValue(CropGrid), parse.GetValue(CropOverlap)), weights[0], weights[1]);
        SearchTarget target;
        if (parse.GetValue(Hybrid) is { } h)
        {
            if (parse.GetValue(Space) is { } space) throw new ArgumentException($"--space '{space}' and --hybrid both choose what is searched; give one (the blend names its spaces).");
            if (crops is not null) throw new ArgumentException("--rerank crops works within one space; drop it or --hybrid.");
            target = new HybridBlend(ParseHybrid(h)) { Normalization = normalization };
        }
        else target = new SingleSpace(parse.GetValue(Space)) { Crops = crops };
        return new SearchOptions
        {
            Target = target,
            TopK = parse.GetValue(Top),
            Filter = MetadataFilter.Parse(parse.GetValue(Filter) ?? []),
            Quantized = parse.GetValue(Int8),
            Calibration = parse.GetValue(Temperature) is { } t ? new ScoreCalibration(t, parse.GetValue(Bias)) : null,
            Expansion = BuildExpansion(parse, tunedExpansion),
        };
    }

    private QueryExpansionSettings? BuildExpansion(ParseResult parse, QueryExpansionSettings? tuned)
    {
        bool expand = parse.GetValue(Expand), spell = parse.GetValue(Spell);
        if (!expand && !spell) return null;
        FusionMode? mode = parse.GetValue(Fusion) is { } name
            ? name is "mean" or "max" or "zmax" ? SearchConfigMapping.FusionOf(name) : throw new ArgumentException($"--fusion '{name}' is not zmax, max or mean.")
            : null;
        // Spelling alone: the corrected query as typed, no expansion, no prompt ensemble.
        if (!expand) return new QueryExpansionSettings { Terms = new VocabularyExpansionOptions { Sources = ExpansionSources.None }, SpellCorrect = true };
        var settings = tuned ?? new QueryExpansionSettings();
        if (spell) settings = settings with { SpellCorrect = true };
        return mode is { } m ? settings with { Mode = m } : settings;
    }

    /// <summary>
    /// With --expand, the expansion settings <c>researchkit tune expansion</c> kept for the searched space in the store's
    /// tuning.json; null (and a note saying the defaults are untuned) when there are none.
    /// </summary>
    public QueryExpansionSettings? TunedExpansion(ParseResult parse, SearchEngine engine, TuningState state, List<string> notes)
    {
        if (!parse.GetValue(Expand)) return null;
        var space = parse.GetValue(Space) ?? (parse.GetValue(Hybrid) is { } h ? new HybridBlend(ParseHybrid(h)).Primary
            : engine.Spaces.Count == 1 ? engine.Spaces[0] : null);
        if (space is not null && state.Expansion?.GetValueOrDefault(space) is { } tuned) return tuned;
        notes.Add($"no tuned expansion for space '{space ?? "?"}' in this store: the built-in defaults are used, not gated. " +
            $"Run 'researchkit tune expansion DATASET --space {space ?? "SPACE"}' to fit them and measure whether they help.");
        return null;
    }

    /// <summary>Prints results as JSON (stdout) or a table, then any notes (stderr).</summary>
    public void Print(CliConsole console, ParseResult parse, SearchResponse response)
    {
        if (parse.GetValue(Json))
        {
            var results = response.Results.Select(r => new
            {
                id = r.Id, score = r.Score, calibrated = r.Calibrated, global = r.Global, local = r.Local,
                spaces = r.SpaceScores, path = r.Item?.RelativePath, title = r.Item?.Title, labels = r.Item?.Labels, tags = r.Item?.Tags,
            });
            console.Out.WriteLine(JsonSerializer.Serialize(new { results, notes = response.Notes }));
        }
        else
        {
            var table = new Table().AddColumns("#", "id", "score", "calibrated", "title / tags");
            var rank = 0;
            foreach (var r in response.Results)
                table.AddRow((++rank).ToString(CultureInfo.InvariantCulture), Markup.Escape(TerminalText.Clean(r.Id)), r.Score.ToString("0.0000", CultureInfo.InvariantCulture),
                    r.Calibrated?.ToString("0.000", CultureInfo.InvariantCulture) ?? "-", Markup.Escape(TerminalText.Clean(Describe(r))));
            var plain = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console.Out), Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors });
            plain.Write(table);
        }
        foreach (var note in response.Notes) console.Error.WriteLine($"note: {note}");
    }

    private static string Describe(SearchResult r) =>
        r.Item is null ? "" : string.Join(" ", new[] { r.Item.Title, r.Item.Tags.Count > 0 ? "[" + string.Join(", ", r.Item.Tags.Take(6)) + "]" : null }.Where(s => s is not null));

    private static List<SpaceWeight> ParseHybrid(string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(part =>
        {
            var at = part.IndexOf('=');
            if (at <= 0 || !double.TryParse(part[(at + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var w))
                throw new ArgumentException($"--hybrid part '{part}' is not SPACE=WEIGHT (e.g. siglip=0.7,dinov2=0.3).");
            return new SpaceWeight(part[..at], w);
        })];

    private static double[] ParseNumbers(string text, string option) =>
        [.. text.Split(',', StringSplitOptions.TrimEntries).Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v
            : throw new ArgumentException($"{option}: '{p}' is not a number."))];
}
