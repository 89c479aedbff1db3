using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ResearchKit.Embeddings;
using ResearchKit.Search;

namespace ResearchKit.Service;

/// <summary>The service's routes. Each request uses the config generation its lease holds from start to end.</summary>
public static class SearchEndpoints
{
    public static void Map(WebApplication app, ServiceStateHolder holder, LikeStore likes, ServiceMetrics metrics, UploadMemory uploads, ServiceOptions options)
    {
        app.MapPost("/search", (SearchRequest request, HttpContext context) =>
        {
            var state = ServiceStateLease.Of(context);
            if (string.IsNullOrWhiteSpace(request.Query)) throw new ArgumentException("'query' is empty; send {\"query\": \"red apple\"}.");
            var search = Options(state, request.TopK, request.Filters) with
            {
                Expansion = request.Expand switch
                {
                    true => state.Options.Expansion ?? new QueryExpansionSettings(),
                    false => null,
                    null => state.Options.Expansion,
                },
            };
            return Results.Json(Hits(state, state.Engine.SearchText(request.Query, search, context.RequestAborted)), SearchServiceApp.Json);
        }).WithSummary("Text to image search with the loaded config.");

        app.MapPost("/similar", async (HttpContext context) =>
        {
            var state = ServiceStateLease.Of(context);
            if (context.Request.HasJsonContentType())
            {
                var request = await context.Request.ReadFromJsonAsync<SimilarRequest>(SearchServiceApp.Json, context.RequestAborted)
                    ?? throw new ArgumentException("send {\"id\": \"ITEM\"} or an image upload.");
                if (string.IsNullOrEmpty(request.Id)) throw new ArgumentException("'id' is missing; send {\"id\": \"ITEM\"} or an image upload.");
                return Results.Json(Hits(state, state.Engine.SearchSimilar(request.Id, Options(state, request.TopK, request.Filters), context.RequestAborted)), SearchServiceApp.Json);
            }
            var (bytes, name) = await ImageUpload.ReadAsync(context.Request, options.MaxUploadBytes, context.RequestAborted);
            var topK = int.TryParse(context.Request.Query["top_k"], out var k) ? k : (int?)null;
            var search = Options(state, topK, null);
            var (width, height) = Imaging.ImageDecoder.ReadSize(bytes, name);
            using var tracked = uploads.Track((long)width * height);
            var image = ImageUpload.Decode(bytes, name, options, state.Engine.Model(PrimarySpace(state, search)).Preprocessor.LoadOptions);
            return Results.Json(Hits(state, state.Engine.SearchImage(image, search, context.RequestAborted)), SearchServiceApp.Json);
        }).WithSummary("More like this: by stored id (JSON) or by an uploaded image (multipart field 'image', or an image/* body).");

        app.MapPost("/tags", (TagsRequest request, HttpContext context) =>
        {
            var state = ServiceStateLease.Of(context);
            var space = state.Config.Spaces[0].Name;
            if (string.IsNullOrEmpty(request.Id)) throw new ArgumentException("'id' is missing; send {\"id\": \"ITEM\", \"labels\": [...]}.");
            if (!state.Engine.Space(space).TryGetRow(request.Id, out _)) throw new UnknownItemException(request.Id, $"space '{space}'");
            if (request.TopK is < 1 or > 1000) throw new ArgumentException($"top_k {request.TopK} is outside 1..1000.");
            var labels = request.Labels is { Count: > 0 } given ? Bounded(given, options) : state.Engine.Vocabulary();
            if (labels.Count == 0) throw new ArgumentException("the dataset has no labels or tags to score; send \"labels\": [...].");
            var tagger = new ZeroShotTagger(state.Engine, space, labels, calibration: state.Options.Calibration);
            var tags = tagger.Tag(request.Id).Take(request.TopK ?? 10).Select(t => new ServiceTag(t.Label, t.Probability));
            return Results.Json(new { id = request.Id, tags }, SearchServiceApp.Json);
        }).WithSummary("Zero-shot labels of a stored item as calibrated probabilities.");

        app.MapPost("/likes", (LikeRequest request, HttpContext context) =>
        {
            var state = ServiceStateLease.Of(context);
            if (string.IsNullOrWhiteSpace(request.User)) throw new ArgumentException("'user' is missing.");
            if (string.IsNullOrEmpty(request.Id) || state.Engine.Item(request.Id) is null) throw new UnknownItemException(request.Id ?? "", "the served dataset");
            likes.Record(request.User, request.Id, request.Liked);
            return Results.Json(new { user = request.User, id = request.Id, liked = request.Liked }, SearchServiceApp.Json);
        }).WithSummary("Record a like (or, with liked=false, an item seen).");

        app.MapGet("/recommendations", (string user, int? top_k, HttpContext context) =>
        {
            var state = ServiceStateLease.Of(context);
            var (liked, seen) = likes.Of(user);
            if (liked.Count == 0) throw new ArgumentException($"user '{user}' has no likes yet; POST /likes first.");
            var response = TasteProfile.Recommend(state.Engine, liked, seen, Options(state, top_k, null) with { Target = state.Options.Target as SingleSpace ?? new SingleSpace(state.Config.Spaces[0].Name) });
            return Results.Json(Hits(state, response), SearchServiceApp.Json);
        }).WithSummary("Items closest to the mean of the user's likes, excluding everything they liked or saw.");

        app.MapGet("/health", (HttpContext context) =>
        {
            var state = ServiceStateLease.Of(context);
            return Results.Json(new { status = "ok", config_generation = state.Generation, spaces = state.Config.Spaces.Select(s => s.Name) }, SearchServiceApp.Json);
        });

        app.MapGet("/metrics", (HttpContext context) => Results.Text(metrics.Render(holder, ServiceStateLease.Of(context)), "text/plain; version=0.0.4"));
    }

    private static SearchOptions Options(ServiceState state, int? topK, IReadOnlyList<string>? filters)
    {
        if (topK is < 1 or > 1000) throw new ArgumentException($"top_k {topK} is outside 1..1000.");
        return state.Options with
        {
            TopK = topK ?? state.Options.TopK,
            Filter = filters is { Count: > 0 } ? MetadataFilter.Parse(filters) : null,
        };
    }

    // The space whose model decodes an upload: the heaviest of a hybrid blend, else the searched one.
    private static string PrimarySpace(ServiceState state, SearchOptions search) =>
        search.Target is HybridBlend hybrid ? hybrid.Primary : (search.Target as SingleSpace)?.Space ?? state.Config.Spaces[0].Name;

    // Each label is embedded by the text tower for this request: bound how many and how long.
    private static IReadOnlyList<string> Bounded(IReadOnlyList<string> labels, ServiceOptions options)
    {
        if (labels.Count > options.MaxTagLabels)
            throw new ArgumentException($"'labels' has {labels.Count:N0} entries; send at most {options.MaxTagLabels} labels per request.");
        for (var i = 0; i < labels.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(labels[i])) throw new ArgumentException($"label {i} is empty; send words or short phrases.");
            if (labels[i].Length > options.MaxTagLabelLength)
                throw new ArgumentException($"label {i} is {labels[i].Length:N0} characters; labels may have at most {options.MaxTagLabelLength} characters.");
        }
        return labels;
    }

    private static ServiceResults Hits(ServiceState state, SearchResponse response) =>
        new([.. response.Results.Select(r => new ServiceHit(r.Id, r.Score, r.Calibrated, r.Global, r.Local,
            r.Item?.RelativePath, r.Item?.Title, r.Item?.Labels, r.Item?.Tags, r.Item?.Extra))], response.Notes, state.Generation);
}
