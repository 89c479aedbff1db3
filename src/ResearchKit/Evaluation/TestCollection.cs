using ResearchKit.Datasets;
using ResearchKit.Embeddings;
using ResearchKit.Models;
using ResearchKit.Search;
using ResearchKit.Search.Expansion;
using ResearchKit.Tuning;

namespace ResearchKit.Evaluation;

/// <summary>
/// A test collection for retrieval (such as the emoji test collection): splits (dataset folders such as <c>train/</c> and <c>heldout/</c>) and
/// query sets in <c>queries/*.jsonl</c>. Evaluating a model indexes the splits the queries need into a space
/// named after the model (incrementally, through the usual store), runs every query through the search
/// engine and reports recall@k per query set. Query files whose name starts with <c>train_</c> are for
/// fitting (calibration), not evaluation, and are left out unless named.
/// </summary>
public sealed class TestCollection
{
    private TestCollection(string root, IReadOnlyDictionary<string, string> queryFiles)
    {
        Root = root;
        QueryFiles = queryFiles;
    }

    /// <summary>The collection's root folder.</summary>
    public string Root { get; }

    /// <summary>Query set name (file name without .jsonl) to file path, in name order.</summary>
    public IReadOnlyDictionary<string, string> QueryFiles { get; }

    /// <summary>Opens a collection root (for the emoji set: data/emoji/prepared).</summary>
    /// <exception cref="TestCollectionException">The folder or its queries/ folder is missing or empty.</exception>
    public static TestCollection Open(string root)
    {
        var full = Path.GetFullPath(root);
        var queries = Path.Combine(full, "queries");
        if (!Directory.Exists(queries))
            throw new TestCollectionException(full, "no queries/ folder, so this is not a test collection root (the folder that holds queries/ and the split folders).");
        var files = Directory.GetFiles(queries, "*.jsonl").Order(StringComparer.Ordinal)
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => f, StringComparer.Ordinal);
        if (files.Count == 0) throw new TestCollectionException(queries, "holds no *.jsonl query files; rerun the dataset's prepare script.");
        return new TestCollection(full, files);
    }

    /// <summary>Indexes the needed splits with <paramref name="model"/> and scores the chosen query sets.</summary>
    /// <param name="model">The model.</param>
    /// <param name="k">Cut-off for recall@k.</param>
    /// <param name="sets">Query set names to run; null for every set not starting with <c>train_</c>.</param>
    /// <param name="progress">Receives one line per step (indexing, each query set).</param>
    /// <param name="cancellationToken">Stops between queries.</param>
    /// <param name="space">The space the splits are indexed into; null for the model's name.</param>
    /// <param name="by">A gallery metadata field (for the emoji test collection, <c>set</c>) to break each set's recall down by; null for none.</param>
    /// <exception cref="TestCollectionException">A named set does not exist, a query names a split or image that is not there, or no gallery item has the <paramref name="by"/> field.</exception>
    public async Task<RetrievalEvaluation> EvaluateAsync(EmbeddingModel model, int k = 10, IReadOnlyList<string>? sets = null,
        IProgress<string>? progress = null, CancellationToken cancellationToken = default, string? space = null, string? by = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        var chosen = sets ?? [.. QueryFiles.Keys.Where(n => !n.StartsWith("train_", StringComparison.Ordinal))];
        space ??= model.Name;
        var engines = new Dictionary<string, (SearchEngine Engine, Dataset Dataset)>(StringComparer.Ordinal);
        var scores = new List<QuerySetScore>();
        // The engines are not disposed: disposing one disposes the models it opened, and here that is the
        // caller's model (OpenModel hands it over), which the caller owns.
        foreach (var name in chosen)
        {
            if (!QueryFiles.TryGetValue(name, out var file))
                throw new TestCollectionException(Path.Combine(Root, "queries"), $"has no query set '{name}'; known: {string.Join(", ", QueryFiles.Keys)}.");
            var queries = TestQueryFile.Read(file);
            if (queries.Count == 0) { scores.Add(new QuerySetScore(name, "", 0, 0, 0, "the file holds no queries")); continue; }
            if (queries.Any(q => q.IsText) && !model.HasTextTower)
            {
                scores.Add(new QuerySetScore(name, queries[0].Gallery, 0, 0, 0, $"{model.Family} has no text tower"));
                continue;
            }
            double recall = 0, hits = 0;
            var rejected = 0;
            var breakdown = by is null ? null : new RecallBreakdown(by);
            if (breakdown is not null)
                foreach (var split in queries.Select(q => q.Gallery).Distinct(StringComparer.Ordinal))
                    breakdown.Require((await EngineFor(split)).Dataset);
            foreach (var query in queries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (gallery, galleryData) = await EngineFor(query.Gallery);
                var options = new SearchOptions { Target = new SingleSpace(space), TopK = k };
                SearchResponse response;
                if (query.Query is TextQuery text)
                {
                    try { response = gallery.SearchText(text.Text, options, cancellationToken); }
                    catch (InvalidQueryException) { rejected++; continue; }
                }
                else
                {
                    var image = ((ItemQuery)query.Query).ItemId;
                    var split = query.ImageSplit ?? query.Gallery;
                    var source = (await EngineFor(split)).Engine.Space(space);
                    if (!source.TryGetRow(image, out var row))
                        throw new TestCollectionException(file, $"query image '{image}' is not an item of split '{split}'; the query file and the split's metadata.csv disagree — rerun the prepare script.");
                    var exclude = query.QueriesOwnGallery ? new HashSet<string>(StringComparer.Ordinal) { image } : null;
                    response = gallery.Search(new Dictionary<string, QueryVectors> { [space] = QueryVectors.Single(source.Vector(row).ToArray()) },
                        options with { Exclude = exclude }, cancellationToken);
                }
                var ranked = response.Results.Select(r => r.Id).ToArray();
                var relevance = query.Relevant.Distinct(StringComparer.Ordinal).ToDictionary(id => id, _ => 1.0, StringComparer.Ordinal);
                var r = RankingMetrics.RecallAtK(ranked, relevance, k);
                recall += r;
                hits += r > 0 ? 1 : 0;
                breakdown?.Add(galleryData, ranked, query.Relevant);
            }
            var run = queries.Count - rejected;
            var score = new QuerySetScore(name, queries[0].Gallery, run, run == 0 ? 0 : recall / run, run == 0 ? 0 : hits / run, null, rejected, breakdown?.Scores());
            progress?.Report(FormattableString.Invariant($"{name}: recall@{k} {score.RecallAtK:0.000} over {score.Queries} queries{(rejected > 0 ? $" ({rejected} rejected by the query validator)" : "")}"));
            scores.Add(score);
        }
        return new RetrievalEvaluation(Root, space, k, scores, by);

        async Task<(SearchEngine Engine, Dataset Dataset)> EngineFor(string split)
        {
            if (engines.TryGetValue(split, out var found)) return found;
            var folder = Path.Combine(Root, split);
            if (!Directory.Exists(folder))
                throw new TestCollectionException(folder, $"split '{split}' named by a query file does not exist under the test collection root.");
            var dataset = Dataset.Open(folder);
            progress?.Report($"indexing {split} ({dataset.Items.Count} images) with {space}");
            var report = await new DatasetIndexer(dataset).IndexAsync(model, new IndexOptions { Space = space }, null, cancellationToken);
            if (report.Failures.Count > 0)
                throw new TestCollectionException(folder, $"{report.Failures.Count} images failed to embed (first: {report.Failures[0].Source}: {report.Failures[0].Message}); fix or remove them and rerun.");
            var engine = new SearchEngine(EmbeddingStore.For(dataset), dataset.Root, new SearchEngineOptions { OpenModel = _ => model });
            engines[split] = (engine, dataset);
            return (engine, dataset);
        }
    }
}
