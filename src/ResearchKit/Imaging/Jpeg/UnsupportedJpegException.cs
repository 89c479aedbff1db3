namespace ResearchKit.Imaging.Jpeg;

/// <summary>
/// Raised inside the managed JPEG decoder when a file uses something it does not reproduce exactly
/// (arithmetic coding, CMYK, 12-bit samples, damaged data...). It never reaches a caller: the decoder
/// answers "not handled" and the image is decoded by SkiaSharp instead, so pixels never depend on which
/// decoder ran.
/// </summary>
internal sealed class UnsupportedJpegException(string reason) : Exception(reason);
