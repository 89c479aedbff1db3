using System.Collections.Concurrent;
using ResearchKit.Datasets;
using ResearchKit.Embeddings;
using ResearchKit.IO;
using ResearchKit.Imaging;
using ResearchKit.Models;
using ResearchKit.Search.Expansion;

namespace ResearchKit.Search;

/// <summary>
/// Searches a dataset's store: text to image, image to image (by id or by a new file), hybrid blends of spaces,
/// crop re-ranking, calibration and metadata filters. Spaces and models load on first use and are kept.
/// Thread-safe for concurrent searches.
/// </summary>
public sealed class SearchEngine : IDisposable
{
    private readonly EmbeddingStore _store;
    private readonly Func<SpaceIdentity, EmbeddingModel> _openModel;
    private readonly ConcurrentDictionary<string, Lazy<SpaceSearcher>> _spaces = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Lazy<EmbeddingModel>> _models = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CropEmbeddings> _crops = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DatasetItem> _items;
    private readonly EmbeddingCache _queryCache;
    private readonly GalleryExpansion _expansion;

    /// <param name="store">The dataset's store.</param>
    /// <param name="datasetRoot">The dataset folder (crop re-ranking and new images read image files from it).</param>
    /// <param name="options">Read-only mode and model resolution.</param>
    public SearchEngine(EmbeddingStore store, string datasetRoot, SearchEngineOptions? options = null)
    {
        _store = store;
        DatasetRoot = datasetRoot;
        Options = options ?? new SearchEngineOptions();
        _openModel = Options.OpenModel ?? OpenRecordedModel;
        _queryCache = new EmbeddingCache(Options.QueryCacheCapacity);
        _items = store.ReadItems().ToDictionary(i => i.Id, StringComparer.Ordinal);
        _expansion = new GalleryExpansion(GalleryVocabulary.FromItems(_items.Values), () => new WordNetDatabase(Options.WordNetDirectory),
            () => new SpellCorrector(HunspellDictionary.LoadLanguage("en_US", Options.HunspellDirectory),
                new SpellCorrectionOptions { PreferredVocabulary = Vocabulary(), Whitelist = Vocabulary() }));
        if (store.SpaceNames.Count == 0) throw new UnknownSpaceException("(any)", store.Directory, []);
    }

    /// <summary>Opens the engine on a dataset folder and its store.</summary>
    public static SearchEngine Open(Dataset dataset, SearchEngineOptions? options = null) =>
        new(EmbeddingStore.For(dataset), dataset.Root, options);

    public string DatasetRoot { get; }
    public SearchEngineOptions Options { get; }
    public IReadOnlyList<string> Spaces => _store.SpaceNames;
    public IReadOnlyCollection<DatasetItem> Items => _items.Values;

    /// <summary>Query embeddings served from the cache so far.</summary>
    public long QueryCacheHits => _queryCache.Hits;

    /// <summary>The loaded space (vectors and ids).</summary>
    public EmbeddingSpace Space(string name) => Searcher(name).Space;

    /// <summary>The model that built a space, checked against the space's recorded identity.</summary>
    public EmbeddingModel Model(string space) => Once(_models, space, s => _openModel(Space(s).Identity));

    public DatasetItem? Item(string id) => _items.GetValueOrDefault(id);

    /// <summary>
    /// Searches by text. Without expansion a query that is empty or only stopwords is an <see cref="InvalidQueryException"/>;
    /// with <see cref="SearchOptions.Expansion"/> nothing about the query text throws: it is searched as typed (an empty one
    /// returns no results) and the notes say why.
    /// </summary>
    public SearchResponse SearchText(string query, SearchOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SearchOptions();
        var notes = new List<string>();
        var expansion = options.Expansion;
        if (expansion is null) QueryText.Validate(query);
        var (text, plan) = expansion is null ? (query, null) : _expansion.Plan(query, expansion, notes);
        if (text.Length == 0) return new SearchResponse([], [.. notes, "the query is empty: nothing was searched. Type what the images should show, e.g. \"dog on a beach\"."]);
        var queries = new Dictionary<string, QueryVectors>(StringComparer.Ordinal);
        foreach (var space in SpacesOf(options))
        {
            if (!Model(space).HasTextTower) { notes.Add($"space '{space}' has no text tower ({Space(space).Identity.Family}); it was left out of this text search."); continue; }
            queries[space] = plan is null ? QueryVectors.Single(EmbedText(space, text, cancellationToken))
                : _expansion.Vectors(plan, expansion!, Space(space), texts => EmbedTexts(space, texts, cancellationToken), texts => EmbedUncached(space, texts), notes, cancellationToken);
        }
        return Run(queries, options, notes, cancellationToken);
    }

    /// <summary>Searches by text or by example, whichever <paramref name="query"/> is.</summary>
    public SearchResponse Search(SearchQuery query, SearchOptions? options = null, CancellationToken cancellationToken = default) => query switch
    {
        TextQuery t => SearchText(t.Text, options, cancellationToken),
        ItemQuery i => SearchSimilar(i.ItemId, options, cancellationToken),
        _ => throw new ArgumentNullException(nameof(query)),
    };

    /// <summary>Searches with vectors prepared by the caller (e.g. an expanded query), per space.</summary>
    public SearchResponse Search(IReadOnlyDictionary<string, QueryVectors> queries, SearchOptions? options = null, CancellationToken cancellationToken = default) =>
        Run(queries, options ?? new SearchOptions(), [], cancellationToken);

    /// <summary>"More like this": items similar to a stored item, the item itself excluded.</summary>
    public SearchResponse SearchSimilar(string id, SearchOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SearchOptions();
        var notes = new List<string>();
        var queries = new Dictionary<string, QueryVectors>(StringComparer.Ordinal);
        foreach (var space in SpacesOf(options))
        {
            var s = Space(space);
            if (s.TryGetRow(id, out var row)) queries[space] = QueryVectors.Single(s.Vector(row).ToArray());
            else if (options.Target is SingleSpace) throw new UnknownItemException(id, $"space '{space}'");
            else notes.Add($"item '{id}' has no vector in space '{space}'; that space was left out.");
        }
        var exclude = new HashSet<string>(options.Exclude ?? new HashSet<string>(), StringComparer.Ordinal) { id };
        return Run(queries, options with { Exclude = exclude }, notes, cancellationToken);
    }

    /// <summary>Items similar to a new image file.</summary>
    public SearchResponse SearchImage(string path, SearchOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SearchOptions();
        var queries = SpacesOf(options).ToDictionary(s => s, s => QueryVectors.Single(Model(s).EmbedImage(path, cancellationToken: cancellationToken)), StringComparer.Ordinal);
        return Run(queries, options, [], cancellationToken);
    }

    /// <summary>Items similar to an image given as encoded bytes (an upload); <paramref name="sourceName"/> names it in errors.</summary>
    public SearchResponse SearchImage(byte[] encoded, string sourceName, SearchOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SearchOptions();
        var queries = SpacesOf(options).ToDictionary(s => s, s =>
        {
            var model = Model(s);
            return QueryVectors.Single(model.ImageEncoder.Encode([model.Preprocessor.Process(encoded, sourceName)], cancellationToken).Normalized[0]);
        }, StringComparer.Ordinal);
        return Run(queries, options, [], cancellationToken);
    }

    /// <summary>Items similar to an image the caller has decoded (a service decoding large uploads reduced, within its budget).</summary>
    public SearchResponse SearchImage(RgbaImage image, SearchOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SearchOptions();
        var queries = SpacesOf(options).ToDictionary(s => s, s =>
        {
            var model = Model(s);
            return QueryVectors.Single(model.ImageEncoder.Encode([model.Preprocessor.Process(image)], cancellationToken).Normalized[0]);
        }, StringComparer.Ordinal);
        return Run(queries, options, [], cancellationToken);
    }

    /// <summary>The L2-normalised text embedding of a query in a space, cached.</summary>
    public float[] EmbedText(string space, string text, CancellationToken cancellationToken = default)
    {
        var model = Model(space);
        var key = EmbeddingCache.KeyFor(text, model.Identity.Fingerprint);
        if (_queryCache.TryGet(key, out var hit)) return hit;
        var vector = model.EmbedText(text, cancellationToken: cancellationToken);
        _queryCache.Set(key, vector);
        return vector;
    }

    /// <summary>
    /// The L2-normalised text embeddings of several texts in a space, one per text: cached ones from the cache, the
    /// rest embedded in batches and cached.
    /// </summary>
    public float[][] EmbedTexts(string space, IReadOnlyList<string> texts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var model = Model(space);
        var keys = texts.Select(t => EmbeddingCache.KeyFor(t, model.Identity.Fingerprint)).ToArray();
        var result = new float[texts.Count][];
        var missing = new List<int>();
        for (var i = 0; i < texts.Count; i++)
            if (!_queryCache.TryGet(keys[i], out result[i])) missing.Add(i);
        foreach (var chunk in missing.Chunk(64))
        {
            var batch = model.EmbedTexts([.. chunk.Select(i => texts[i])], cancellationToken).Normalized;
            for (var j = 0; j < chunk.Length; j++)
            {
                result[chunk[j]] = batch[j];
                _queryCache.Set(keys[chunk[j]], batch[j]);
            }
        }
        return result;
    }

    // Bulk embedding (a gallery's whole vocabulary) that neither fills the query cache nor stops with one request.
    private float[][] EmbedUncached(string space, IReadOnlyList<string> texts)
    {
        var model = Model(space);
        return [.. texts.Chunk(64).SelectMany(chunk => model.EmbedTexts(chunk, CancellationToken.None).Normalized)];
    }

    /// <summary>Embeds given terms (e.g. from <see cref="QueryExpander"/>) through the settings' prompt ensemble in one space and fuses them as the settings say.</summary>
    public QueryVectors Expand(string space, IReadOnlyList<ExpansionTerm> terms, QueryExpansionSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var fusion = new QueryEmbeddingFusion(texts => EmbedTexts(space, texts, cancellationToken), new FusionOptions { Templates = settings.Ensemble, Mode = settings.Mode });
        var fused = fusion.Fuse(terms);
        var vectors = new QueryVectors(fused.Vectors, fused.Weights);
        return settings.Mode == FusionMode.MaxStandardized ? TermStandardization.Apply(vectors, Space(space)) : vectors;
    }

    /// <summary>The gallery's vocabulary (labels, tags, titles) that query expansion works against.</summary>
    public GalleryVocabulary ExpansionVocabulary => _expansion.Vocabulary;

    /// <summary>The dataset's distinct labels and tags (for spelling and label-neighbour expansion).</summary>
    public IReadOnlyList<string> Vocabulary() =>
        [.. _items.Values.SelectMany(i => i.Labels.Concat(i.Tags)).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.Ordinal)];

    /// <summary>The calibration that applies to a space's scores: the caller's, else the model's own.</summary>
    public ScoreCalibration? CalibrationFor(string space, SearchOptions options) =>
        options.Calibration ?? (options.Target is SingleSpace ? ScoreCalibration.FromModel(LogitParameters.TryRead(Space(space).Identity.ModelDirectory)) : null);

    private SearchResponse Run(IReadOnlyDictionary<string, QueryVectors> queries, SearchOptions options, List<string> notes, CancellationToken cancellationToken)
    {
        if (queries.Count == 0) throw new ArgumentException($"no space could embed this query ({string.Join(" ", notes)}); choose a space with a text tower.");
        IReadOnlyList<RankedItem> ranked;
        string primary;
        if (options.Target is HybridBlend hybrid)
        {
            primary = hybrid.Primary;
            var perSpace = new Dictionary<string, IReadOnlyDictionary<string, double>>(StringComparer.Ordinal);
            var pool = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (space, query) in queries)
                foreach (var hit in Searcher(space).Search(query, Math.Max(hybrid.Depth, options.TopK), RowFilter(space, options), options.Quantized))
                    pool.Add(hit.Id);
            foreach (var (space, query) in queries) perSpace[space] = Searcher(space).ScoreIds(query, pool);
            ranked = HybridBlender.Blend(perSpace, hybrid.Weights, hybrid.Normalization);
        }
        else
        {
            var single = options.Target as SingleSpace ?? throw new ArgumentException($"search target {options.Target.GetType().Name} is neither one space nor a hybrid blend.", nameof(options));
            primary = queries.Keys.Single();
            var query = queries[primary];
            ranked = Searcher(primary).Search(query, single.RecallDepth(options.TopK), RowFilter(primary, options), options.Quantized);
            if (single.Distance is { } distance) ranked = WeightedRerank(primary, query, ranked, distance.Weights);
            if (single.Crops is { } crops && ranked.Count > 0)
            {
                var cache = CropsFor(primary, crops.EffectiveLayout);
                var cropVectors = cache.Get([.. ranked.Select(r => r.Id)], cancellationToken);
                if (query.Vectors.Count > 1) notes.Add("crop scores use the first (original) query term only.");
                ranked = CropReranker.Rerank(query.Vectors[0], ranked, cropVectors, cache.Dimension, crops);
            }
        }
        var calibration = CalibrationFor(primary, options);
        var results = ranked.Take(options.TopK).Select(r => new SearchResult(
            r.Id, r.Score, calibration?.Probability(r.Score), r.Global, r.Local, r.SpaceScores, Item(r.Id))).ToList();
        return new SearchResponse(results, notes);
    }

    private IReadOnlyList<RankedItem> WeightedRerank(string space, QueryVectors query, IReadOnlyList<RankedItem> ranked, float[] weights)
    {
        var s = Space(space);
        if (weights.Length != s.Dimension) throw new DimensionMismatchException("distance weights", s.Dimension, weights.Length);
        var list = ranked.Select(r =>
        {
            var score = WeightedEuclidean.Similarity(weights, query.Vectors[0], s.Vector(s.RowOf(r.Id)));
            return r with { Score = score, Global = score };
        }).ToList();
        list.Sort(RankedItem.BestFirst);
        return list;
    }

    private IEnumerable<string> SpacesOf(SearchOptions options)
    {
        if (options.Target is HybridBlend hybrid) return hybrid.Weights.Select(w => w.Space);
        if (options.Target is SingleSpace { Space: { } s }) return [s];
        var all = Spaces;
        return all.Count == 1 ? all : throw new ArgumentException($"the store has several spaces ({string.Join(", ", all)}); name the one to search.", "space");
    }

    private Func<int, bool>? RowFilter(string space, SearchOptions options)
    {
        var filter = options.Filter is { IsEmpty: false } f ? f : null;
        var exclude = options.Exclude is { Count: > 0 } e ? e : null;
        if (filter is null && exclude is null) return null;
        var ids = Space(space).Ids;
        return row =>
        {
            var id = ids[row];
            if (exclude is not null && exclude.Contains(id)) return false;
            return filter is null || (_items.TryGetValue(id, out var item) && filter.Matches(item));
        };
    }

    private SpaceSearcher Searcher(string space) => Once(_spaces, space, s => new SpaceSearcher(_store.LoadSpace(s)));

    // Opens a value once per key for all threads, but forgets a failed open, so the next call tries again (a model
    // folder restored, a store repaired) instead of rethrowing a cached failure for the engine's lifetime.
    private static T Once<T>(ConcurrentDictionary<string, Lazy<T>> cache, string key, Func<string, T> open)
    {
        var lazy = cache.GetOrAdd(key, k => new Lazy<T>(() => open(k)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            cache.TryRemove(KeyValuePair.Create(key, lazy));
            throw;
        }
    }

    private CropEmbeddings CropsFor(string space, CropLayout layout) =>
        _crops.GetOrAdd($"{space}|{layout.Key}", _ => new CropEmbeddings(Model(space), layout,
            id => ImagePathOf(id),
            Options.ReadOnly ? null : _store.SpaceDirectory(space)));

    // Item paths come from the store's metadata; refuse any that would leave the dataset folder, symlinks followed.
    private string ImagePathOf(string id) =>
        RealPath.Within(DatasetRoot, (Item(id)?.RelativePath ?? id).Replace('/', Path.DirectorySeparatorChar))
        ?? throw new UnknownItemException(id, $"the dataset folder {DatasetRoot} (its path, links followed, points outside it)");

    private EmbeddingModel OpenRecordedModel(SpaceIdentity identity)
    {
        if (!Directory.Exists(identity.ModelDirectory))
            throw new ModelLoadException(identity.ModelDirectory, $"space '{identity.Space}' was built with the model in this folder, which is gone; restore it, or open the space with that model given explicitly.") { Space = identity.Space };
        var model = EmbeddingModel.Open(identity.ModelDirectory, identity.ModelOptions());
        var difference = SpaceIdentity.Of(model, identity.Space).DifferenceFrom(identity);
        if (difference is null) return model;
        model.Dispose();
        throw new ModelMismatchException(identity.Space, identity.ModelDirectory, difference);
    }

    public void Dispose()
    {
        foreach (var model in _models.Values.Where(m => m.IsValueCreated)) model.Value.Dispose();
    }
}
