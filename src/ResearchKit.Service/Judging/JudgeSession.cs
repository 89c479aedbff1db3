using System.Runtime.InteropServices;
using ResearchKit.Datasets;
using ResearchKit.Embeddings;
using ResearchKit.IO;
using ResearchKit.Search;
using ResearchKit.Tuning;

namespace ResearchKit.Service.Judging;

/// <summary>
/// The state behind the judging page: the dataset, the judged space, the judgments database (every answer is
/// committed there at once), the queue of tasks and what the learned weights or calibration say about the answers.
/// </summary>
public sealed class JudgeSession : IDisposable
{
    private readonly Dataset _dataset;
    private readonly JudgmentStore _judgments;
    private readonly TaskQueue<TripletTask>? _triplets;
    private readonly TaskQueue<RelevanceTask>? _relevance;
    private readonly RelevanceTaskSource? _relevanceSource;
    private readonly string _storeDirectory;
    private readonly Lock _tuningGate = new();
    private DateTime _tuningStamp;
    private float[]? _weights;
    private ScoreCalibration? _calibration;
    private double _threshold = 0.5;
    private string? _tuningProblem;
    private readonly Lazy<SearchEngine> _engine;

    /// <summary>Opens the dataset's store and judgments database; fails with a clear message when the store has no space.</summary>
    /// <exception cref="JudgeException">The store has no embedded space, or a tuning file or queries file is unusable.</exception>
    public JudgeSession(JudgeOptions options)
    {
        Options = options;
        _dataset = Dataset.Open(options.Dataset, new DatasetOptions { StoreDirectory = options.StoreDirectory });
        var store = EmbeddingStore.For(_dataset);
        if (store.SpaceNames.Count == 0)
            throw new JudgeException($"the store {store.Directory} holds no embedded space; run 'researchkit index {options.Dataset}' first.");
        _storeDirectory = store.Directory;
        var tuning = TuningState.Read(store.Directory);
        SpaceName = options.Space ?? (tuning.Space is { } tuned && store.SpaceNames.Contains(tuned) ? tuned : store.SpaceNames[0]);
        Space = store.LoadSpace(SpaceName);
        RefreshTuning(strict: true);
        // Everything that can refuse the options runs before the database is opened, so a refusal leaks nothing.
        var queries = options.Mode == JudgeMode.Relevance ? Queries(options) : [];
        _judgments = JudgmentStore.ForStore(store.Directory);
        _engine = new(() => new SearchEngine(store, _dataset.Root, new SearchEngineOptions { ReadOnly = true }));
        if (options.Mode == JudgeMode.Triplets)
        {
            var source = new TripletTaskSource(Space, () => { RefreshTuning(); return _weights; }, _judgments, options.Uncertain, options.Seed);
            _triplets = new TaskQueue<TripletTask>(source.Generate, t => t.Key);
            _triplets.Prefill();
        }
        else
        {
            _relevanceSource = new RelevanceTaskSource(Space, queries, text => _engine.Value.EmbedText(SpaceName, text), _judgments, options.ResultsPerQuery);
            _relevance = new TaskQueue<RelevanceTask>(_relevanceSource.Generate, t => t.Key);
            _relevance.Prefill();
        }
    }

    /// <summary>How the session was started.</summary>
    public JudgeOptions Options { get; }

    /// <summary>Name of the judged space.</summary>
    public string SpaceName { get; }

    /// <summary>The judged space's vectors.</summary>
    public EmbeddingSpace Space { get; }

    /// <summary>Path of the judgments database.</summary>
    public string DatabasePath => _judgments.Path;

    /// <summary>Up to <paramref name="count"/> triplets no other tab has been given.</summary>
    public Task<IReadOnlyList<TripletTask>> NextTripletsAsync(int count) => Queue(_triplets).NextAsync(count);

    /// <summary>Up to <paramref name="count"/> query-result pairs no other tab has been given.</summary>
    public Task<IReadOnlyList<RelevanceTask>> NextRelevanceAsync(int count) => Queue(_relevance).NextAsync(count);

    /// <summary>Takes back tasks a tab was given but will not answer, so they are offered again; returns how many.</summary>
    public int Release(IReadOnlyList<string> keys) =>
        Options.Mode == JudgeMode.Triplets ? Queue(_triplets).Release(keys) : Queue(_relevance).Release(keys);

    /// <summary>Commits one triplet answer and returns its row id.</summary>
    /// <exception cref="JudgeException">An id is not in the space or the answer is not one of the five.</exception>
    public long Answer(TripletAnswerRequest request)
    {
        Queue(_triplets);
        foreach (var (field, id) in new[] { ("anchor", request.Anchor), ("a", request.A), ("b", request.B) }) RequireItem(field, id);
        if (!Enum.TryParse<TripletAnswer>(request.Answer, ignoreCase: false, out var answer) || !Enum.IsDefined(answer))
            throw new JudgeException($"field 'answer' is '{request.Answer}'; send A, B, TooSimilar, AnchorTooDifferent or DontKnow.");
        return _judgments.Add(new TripletJudgment(request.Anchor, request.A, request.B, answer, Options.Judge));
    }

    /// <summary>Commits one relevance label and returns its row id.</summary>
    /// <exception cref="JudgeException">The item is not in the space or the label is not 0 or 1.</exception>
    public long Answer(RelevanceAnswerRequest request)
    {
        Queue(_relevance);
        if (string.IsNullOrEmpty(request.Query)) throw new JudgeException("field 'query' is empty; send the query text or id:ITEM.");
        RequireItem("item", request.Item);
        if (request.Relevance is not (0 or 1)) throw new JudgeException($"field 'relevance' is {request.Relevance}; send 1 (relevant) or 0 (not relevant).");
        return _judgments.Add(new RelevanceJudgment(request.Query, request.Item, request.Relevance, Options.Judge));
    }

    /// <summary>Deletes one answer of this mode (undo); false when it was already gone.</summary>
    public bool Undo(long id) => Options.Mode == JudgeMode.Triplets ? _judgments.DeleteTriplet(id) : _judgments.DeleteRelevance(id);

    /// <summary>The counter and the agreement of the learned weights (or calibration) with the answers so far.</summary>
    public JudgeStats Stats()
    {
        RefreshTuning();
        var (weights, calibration) = (_weights, _calibration);
        if (Options.Mode == JudgeMode.Triplets)
        {
            var all = _judgments.Triplets();
            var examples = all.Where(t => t.Answer is TripletAnswer.A or TripletAnswer.B && Has(t.Anchor) && Has(t.A) && Has(t.B))
                .Select(t => new TripletExample(Vector(t.Anchor), Vector(t.A), Vector(t.B), t.Answer)).ToList();
            return new JudgeStats("triplets", SpaceName, all.Count, examples.Count,
                examples.Count == 0 ? null : WeightedDistance.TripletAccuracy(examples, weights ?? WeightedDistance.Uniform(Space.Dimension)),
                weights is not null ? "learned triplet weights"
                    : _tuningProblem is { } problem ? $"unweighted distance (tuning.json unusable: {problem})"
                    : "unweighted distance (no learned weights yet: run 'researchkit tune triplets')");
        }
        var labels = _judgments.Relevance();
        if (calibration is null)
            return new JudgeStats("relevance", SpaceName, labels.Count, 0, null, "no calibration yet (run 'researchkit tune calibrate')");
        int counted = 0, agreed = 0;
        foreach (var label in labels)
        {
            if (_relevanceSource!.ScoreOf(label.Query, label.Item) is not { } score) continue;
            counted++;
            if (calibration.Probability(score) >= _threshold == label.Relevance >= 0.5) agreed++;
        }
        return new JudgeStats("relevance", SpaceName, labels.Count, counted, counted == 0 ? null : (double)agreed / counted, "fitted calibration and threshold");
    }

    /// <summary>This mode's judgments as CSV or JSON lines: the bytes, their media type and a file name.</summary>
    /// <exception cref="JudgeException">The format is neither csv nor jsonl.</exception>
    public (byte[] Content, string MediaType, string FileName) Export(string format)
    {
        var extension = format switch
        {
            "csv" => ".csv",
            "jsonl" => ".jsonl",
            _ => throw new JudgeException($"parameter 'format' is '{format}'; use csv or jsonl."),
        };
        var name = (Options.Mode == JudgeMode.Triplets ? "triplets" : "relevance") + extension;
        var temp = Path.Combine(Path.GetTempPath(), $"researchkit-judge-{Guid.NewGuid():N}{extension}");
        try
        {
            if (Options.Mode == JudgeMode.Triplets) JudgmentFiles.WriteTriplets(temp, _judgments.Triplets());
            else JudgmentFiles.WriteRelevance(temp, _judgments.Relevance());
            return (File.ReadAllBytes(temp), extension == ".csv" ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8", name);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>
    /// The image file of a dataset item, its path resolved. Only items of the dataset are served, and only when the
    /// file, every symbolic link followed, is inside the dataset folder and is an image: <c>passwd.png -> /etc/passwd</c>
    /// and items under a linked folder elsewhere are refused.
    /// </summary>
    /// <exception cref="UnknownItemException">No such item, or its file is outside the dataset folder or not an image.</exception>
    public string ImagePath(string id)
    {
        if (!_dataset.TryGet(id, out var item)) throw new UnknownItemException(id, $"the dataset {_dataset.Root}");
        var path = RealPath.Within(_dataset.Root, item.RelativePath.Replace('/', Path.DirectorySeparatorChar));
        if (path is null || !Dataset.ImageExtensions.Contains(Path.GetExtension(path).ToLowerInvariant()))
            throw new UnknownItemException(id, $"the dataset folder {_dataset.Root} (its file, links followed, is outside it or is not an image)");
        return path;
    }

    /// <summary>What the page shows for an item: its title, else its path.</summary>
    public string TitleOf(string id) => _dataset.TryGet(id, out var item) ? item.Title ?? item.RelativePath : id;

    private TaskQueue<T> Queue<T>(TaskQueue<T>? queue) where T : class =>
        queue ?? throw new JudgeException($"this page judges {Options.Mode.ToString().ToLowerInvariant()}; restart 'researchkit judge' with --mode {(Options.Mode == JudgeMode.Triplets ? "relevance" : "triplets")} for the other kind.");

    private void RequireItem(string field, string? id)
    {
        if (string.IsNullOrEmpty(id) || !Space.TryGetRow(id, out _))
            throw new JudgeException($"field '{field}' is '{id}', which is not an item of space '{SpaceName}'; answer a task the page was given.");
    }

    private bool Has(string id) => Space.TryGetRow(id, out _);

    private float[] Vector(string id) => Space.Vector(Space.RowOf(id)).ToArray();

    // Rereads tuning.json when it changed, so weights learned while the page is open count from the next answer.
    // At start-up an unusable file is an error; later it only sets the problem the page shows, so answering goes on.
    private void RefreshTuning(bool strict = false)
    {
        lock (_tuningGate)
        {
            var stamp = File.GetLastWriteTimeUtc(TuningState.PathIn(_storeDirectory));
            if (stamp == _tuningStamp) return;
            _tuningStamp = stamp;
            try
            {
                var tuning = TuningState.Read(_storeDirectory);
                _weights = LearnedWeights(_storeDirectory, tuning);
                _calibration = tuning.Temperature is { } t && tuning.Bias is { } b && tuning.Space == SpaceName ? new ScoreCalibration(t, b) : null;
                _threshold = tuning.Threshold ?? 0.5;
                _tuningProblem = null;
            }
            catch (Exception e) when (!strict && e is JudgeException or System.Text.Json.JsonException or IOException)
            {
                (_weights, _calibration, _tuningProblem) = (null, null, e.Message);
            }
        }
    }

    private float[]? LearnedWeights(string storeDirectory, TuningState tuning)
    {
        if (tuning.TripletWeightsFile is not { } file || tuning.Space != SpaceName) return null;
        var path = Path.Combine(storeDirectory, file);
        if (!File.Exists(path)) return null;
        var weights = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(path)).ToArray();
        return weights.Length == Space.Dimension ? weights
            : throw new JudgeException($"{path} holds {weights.Length} weights but space '{SpaceName}' has {Space.Dimension} dimensions; rerun 'researchkit tune triplets' or delete the file.");
    }

    private IReadOnlyList<string> Queries(JudgeOptions options)
    {
        if (options.QueriesFile is not { } file)
        {
            var random = new Random(options.Seed);
            return [.. Space.Ids.OrderBy(_ => random.Next()).Select(id => new ItemQuery(id).Key)];
        }
        if (!File.Exists(file)) throw new JudgeException($"--queries {file}: no such file; give a text file with one query a line (text, or id:ITEM).");
        var queries = new List<string>();
        var number = 0;
        foreach (var line in File.ReadLines(file))
        {
            number++;
            var query = line.Trim();
            if (query.Length == 0 || query.StartsWith('#')) continue;
            if (SearchQuery.Parse(query) is ItemQuery item && !Has(item.ItemId))
                throw new JudgeException($"--queries {file}: line {number}: item '{item.ItemId}' is not in space '{SpaceName}'.");
            queries.Add(query);
        }
        return queries.Count > 0 ? queries : throw new JudgeException($"--queries {file} holds no query; write one a line.");
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _judgments.Dispose();
        if (_engine.IsValueCreated) _engine.Value.Dispose();
    }
}
