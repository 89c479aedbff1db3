using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using ResearchKit.Embeddings;
using ResearchKit.Imaging;

namespace ResearchKit.Service;

/// <summary>
/// RFC 7807 problem details (<c>application/problem+json</c>) for every refusal of the search service and the judging
/// page: the status and its standard title, a detail saying what went wrong and what to do, and the typed error's name
/// as <c>error_type</c>.
/// </summary>
public static class ProblemResponse
{
    /// <summary>The problem as a result an endpoint can return.</summary>
    public static IResult Of(int status, string detail, string? errorType = null) =>
        TypedResults.Problem(detail: detail, statusCode: status,
            extensions: errorType is null ? null : new Dictionary<string, object?> { ["error_type"] = errorType });

    /// <summary>Writes the problem as the response (for middleware, before any endpoint runs).</summary>
    public static Task WriteAsync(HttpContext context, int status, string detail, string? errorType = null) =>
        Of(status, detail, errorType).ExecuteAsync(context);

    /// <summary>Writes a refused request's typed error as a problem with the status it deserves.</summary>
    public static Task WriteAsync(HttpContext context, Exception error) =>
        WriteAsync(context, StatusOf(error), error.Message, error.GetType().Name);

    /// <summary>
    /// Fills in the detail of a problem the framework made itself (no route, wrong method, timeout), so that every
    /// problem says what to do; register with <c>AddProblemDetails(o => o.CustomizeProblemDetails = ProblemResponse.Describe)</c>.
    /// </summary>
    public static void Describe(ProblemDetailsContext context)
    {
        var request = context.HttpContext.Request;
        context.ProblemDetails.Detail ??= context.ProblemDetails.Status switch
        {
            StatusCodes.Status404NotFound => $"nothing answers {request.Method} {request.Path} here; check the path (the search service lists its endpoints at /openapi/v1.json).",
            StatusCodes.Status405MethodNotAllowed => $"{request.Path} does not answer {request.Method}; check the method (the search service lists its endpoints at /openapi/v1.json).",
            StatusCodes.Status415UnsupportedMediaType => "this endpoint does not take that Content-Type; send JSON (application/json) or, for uploads, an image.",
            StatusCodes.Status408RequestTimeout => "the request arrived too slowly and was dropped; send it again at a normal speed.",
            StatusCodes.Status504GatewayTimeout => "the request ran longer than the service's time limit and was cancelled; ask for fewer results or retry.",
            var status => $"the request was refused ({ReasonPhrases.GetReasonPhrase(status ?? 0)}).",
        };
    }

    /// <summary>The 4xx status of an error the caller caused: unknown item 404, image over the pixel limit 413, a framework refusal its own, else 400.</summary>
    public static int StatusOf(Exception error) => error switch
    {
        UnknownItemException => StatusCodes.Status404NotFound,
        ImageTooLargeException => StatusCodes.Status413PayloadTooLarge,
        BadHttpRequestException refused => refused.StatusCode,
        _ => StatusCodes.Status400BadRequest,
    };
}
