using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using ResearchKit.Search;

namespace ResearchKit.Service.Judging;

/// <summary>The judging page and its API: next tasks, answers, undo, stats, export and the dataset's images.</summary>
internal static class JudgeEndpoints
{
    private const int MaxBatch = 16;

    public static void Map(WebApplication app, JudgeSession session, string token)
    {
        var page = new JudgePage(session, token);
        app.MapGet("/", (HttpContext context) =>
        {
            context.Response.Headers.CacheControl = "no-store";
            var nonce = JudgeRequestGuard.NewToken();
            context.Response.Headers.ContentSecurityPolicy =
                $"default-src 'none'; img-src 'self'; connect-src 'self'; style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
            return Results.Content(page.Render(nonce), "text/html; charset=utf-8");
        });
        app.MapGet("/api/next", async (int? count) =>
        {
            var n = Math.Clamp(count ?? 1, 1, MaxBatch);
            IReadOnlyList<object> tasks = session.Options.Mode == JudgeMode.Triplets ? [.. await session.NextTripletsAsync(n)] : [.. await session.NextRelevanceAsync(n)];
            var ids = tasks.SelectMany(t => t switch
            {
                TripletTask x => new[] { x.Anchor, x.A, x.B },
                RelevanceTask r => SearchQuery.Parse(r.Query) is ItemQuery q ? [q.ItemId, r.Item] : [r.Item],
                _ => [],
            });
            return Json(new NextReply(tasks, ids.Distinct(StringComparer.Ordinal).ToDictionary(id => id, session.TitleOf, StringComparer.Ordinal)));
        });
        app.MapPost("/api/triplets", (TripletAnswerRequest request) => Json(new AnswerReply(session.Answer(request), session.Stats())));
        app.MapPost("/api/relevance", (RelevanceAnswerRequest request) => Json(new AnswerReply(session.Answer(request), session.Stats())));
        app.MapPost("/api/undo", (UndoRequest request) => session.Undo(request.Id)
            ? Json(session.Stats())
            : ProblemResponse.Of(StatusCodes.Status404NotFound, $"answer {request.Id} is not in the database (already undone?).", "NotFound"));
        app.MapPost("/api/release", (ReleaseRequest request) => Json(new { released = session.Release(request.Keys ?? []) }));
        app.MapGet("/api/stats", () => Json(session.Stats()));
        app.MapGet("/api/export", (HttpContext context, string? format) =>
        {
            var (content, mediaType, name) = session.Export(format ?? "csv");
            context.Response.Headers.CacheControl = "no-store";
            return Results.File(content, mediaType, name);
        });
        app.MapGet("/image", (HttpContext context, string? id) =>
        {
            var path = session.ImagePath(id ?? "");
            context.Response.Headers.CacheControl = "private, max-age=3600";
            return Results.File(path, MediaTypeOf(path));
        });
    }

    private static IResult Json<T>(T value) => Results.Json(value, JudgeApp.Json);

    private static string MediaTypeOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".jpg" or ".jpeg" => "image/jpeg",
        ".png" => "image/png",
        ".gif" => "image/gif",
        ".webp" => "image/webp",
        ".bmp" => "image/bmp",
        _ => "application/octet-stream",
    };
}
