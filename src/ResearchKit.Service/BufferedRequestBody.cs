using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;

namespace ResearchKit.Service;

/// <summary>
/// Receives a request's whole body before the request takes a worker slot. A client sending slowly then costs only
/// its connection, which Kestrel drops below the minimum data rate, never one of the few concurrent slots or a queue
/// place: 80 clients at 1 byte a second cannot starve the others. Bodies up to 64 KB stay in memory and larger
/// uploads spool to a temporary file, so receiving costs little memory however many clients send at once.
/// </summary>
internal static class BufferedRequestBody
{
    private const int MemoryThreshold = 64 * 1024;

    /// <summary>Reads the body to its end (JSON bodies within <see cref="ServiceOptions.MaxJsonBytes"/>, uploads within <see cref="ServiceOptions.MaxUploadBytes"/>) and rewinds it.</summary>
    /// <exception cref="BadHttpRequestException">The body is over its limit (413) or arrives too slowly (408).</exception>
    public static async Task ReceiveAsync(HttpContext context, ServiceOptions options)
    {
        if (context.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false }) return;
        var request = context.Request;
        var upload = IsUpload(request);
        if (!upload && context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = options.MaxJsonBytes;
        request.EnableBuffering(MemoryThreshold);
        try
        {
            await request.Body.DrainAsync(context.RequestAborted);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            var (limit, what) = upload ? (options.MaxUploadBytes, "an upload (--max-upload-mb); send a smaller image") : (options.MaxJsonBytes, "a JSON body");
            throw new BadHttpRequestException($"the request body is larger than the {limit / (1024 * 1024.0):0.##} MB allowed for {what}.", e.StatusCode, e);
        }
        request.Body.Position = 0;
    }

    /// <summary>True for an image upload (multipart form or an image/* body), which may be larger than a JSON body.</summary>
    public static bool IsUpload(HttpRequest request) =>
        request.HasFormContentType || request.ContentType?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) == true;
}
