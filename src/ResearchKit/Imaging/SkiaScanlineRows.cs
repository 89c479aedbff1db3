using System.Runtime.InteropServices;
using SkiaSharp;

namespace ResearchKit.Imaging;

/// <summary>Rows from a Skia codec that supports scanline decoding (BMP, JPEG); top-down or bottom-up as the format stores them.</summary>
internal sealed class SkiaScanlineRows : IImageRows
{
    private readonly SKCodec _codec;
    private readonly string _source;
    private readonly byte[] _row;
    private GCHandle _pinned;

    private SkiaScanlineRows(SKCodec codec, string source)
    {
        (_codec, _source) = (codec, source);
        _row = new byte[codec.Info.Width * 4];
        _pinned = GCHandle.Alloc(_row, GCHandleType.Pinned);
    }

    public int Width => _codec.Info.Width;
    public int Height => _codec.Info.Height;
    public bool HasAlpha => _codec.Info.AlphaType != SKAlphaType.Opaque;
    public bool BottomUp => _codec.ScanlineOrder == SKCodecScanlineOrder.BottomUp;
    public int Channels => 4;

    /// <summary>Starts row decoding; null when the codec cannot decode row by row (PNG, GIF, WebP in this Skia).</summary>
    public static SkiaScanlineRows? TryStart(SKCodec codec, string source)
    {
        // The decoder is started for the whole image, then asked for one row at a time.
        var whole = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        return codec.StartScanlineDecode(whole) == SKCodecResult.Success
            && codec.ScanlineOrder is SKCodecScanlineOrder.TopDown or SKCodecScanlineOrder.BottomUp
            ? new SkiaScanlineRows(codec, source) : null;
    }

    public void Read(Span<byte> row)
    {
        if (_codec.GetScanlines(_pinned.AddrOfPinnedObject(), 1, _row.Length) != 1)
            throw new ImageDecodeException(_source, "the image data ends early or is corrupt; send the whole file.");
        _row.CopyTo(row);
    }

    // The codec belongs to the caller; only the row buffer is ours.
    public void Dispose()
    {
        if (_pinned.IsAllocated) _pinned.Free();
    }
}
