using Microsoft.AspNetCore.Http;
using ResearchKit.Imaging;

namespace ResearchKit.Service;

/// <summary>
/// Reads an uploaded image (multipart field <c>image</c>, or a raw image/* body) within the size limit, and decodes it
/// within the service's pixel budget: the header is checked first, a huge image is refused (413) and a large one is
/// decoded reduced, so no upload costs more than about <c>4 x MaxDecodedPixels</c> bytes of pixels.
/// </summary>
public static class ImageUpload
{
    /// <summary>Decodes upload bytes within <paramref name="options"/>' pixel limits, with the model's own decoding options (EXIF orientation).</summary>
    /// <exception cref="ImageTooLargeException">The header declares more than <see cref="ServiceOptions.MaxUploadPixels"/> (413).</exception>
    /// <exception cref="ImageDecodeException">Not a decodable image (400).</exception>
    public static RgbaImage Decode(byte[] bytes, string name, ServiceOptions options, ImageLoadOptions modelOptions) =>
        ReducedImageDecoder.Decode(bytes, name, options.MaxDecodedPixels,
            modelOptions with { MaxPixels = Math.Min(modelOptions.MaxPixels, options.MaxUploadPixels) });

    /// <exception cref="BadHttpRequestException">No image, or larger than the limit (413).</exception>
    public static async Task<(byte[] Bytes, string Name)> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit) throw TooLarge(limit);
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            var file = form.Files["image"] ?? form.Files.FirstOrDefault()
                ?? throw new BadHttpRequestException("the form has no file; send the image in a field named 'image'.");
            if (file.Length > limit) throw TooLarge(limit);
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken);
            return (buffer.ToArray(), "upload:" + Path.GetFileName(file.FileName));
        }
        if (request.ContentType?.StartsWith("image/", StringComparison.OrdinalIgnoreCase) != true)
            throw new BadHttpRequestException("send JSON {\"id\": ...}, a multipart form with an 'image' file, or an image/* body.", StatusCodes.Status415UnsupportedMediaType);
        using var body = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (body.Length + read > limit) throw TooLarge(limit);
            body.Write(chunk, 0, read);
        }
        if (body.Length == 0) throw new BadHttpRequestException("the request body is empty; send the image bytes.");
        return (body.ToArray(), "upload");
    }

    private static BadHttpRequestException TooLarge(long limit) =>
        new($"the upload is larger than the {limit / (1024 * 1024.0):0.#} MB limit; send a smaller image.", StatusCodes.Status413PayloadTooLarge);
}
