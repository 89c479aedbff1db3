using System.Buffers;

namespace ResearchKit.Imaging.Jpeg;

/// <summary>
/// A managed baseline and progressive (Huffman, 8-bit, grey or YCbCr) JPEG decoder whose pixels equal
/// libjpeg-turbo's with its default settings (accurate integer IDCT, fancy upsampling), the decoder
/// SkiaSharp and Pillow use, but vectorised where SkiaSharp's x64 build of libjpeg-turbo is not. Files
/// using anything else, or damaged in any way libjpeg would only warn about, are left to SkiaSharp.
/// Not thread-safe; create one per image.
/// </summary>
internal sealed unsafe class JpegDecoder
{
    private readonly HuffmanTable?[] _dcTables = new HuffmanTable?[4];
    private readonly HuffmanTable?[] _acTables = new HuffmanTable?[4];
    private readonly int[]?[] _quantTables = new int[4][];
    private int _restartInterval;
    private bool _jfif;
    private int _adobeTransform = -1;
    private int _position;
    private bool _vectorized = true;

    private JpegDecoder() { }

    /// <summary>The frame header, read by <see cref="ReadHeader"/>.</summary>
    public JpegFrame Frame { get; private set; } = null!;

    /// <summary>Pillow's mode for the file: L for one component, RGB for three.</summary>
    public SourceMode Mode => Frame.Components.Length == 1 ? SourceMode.Gray : SourceMode.Rgb;

    /// <summary>True when the bytes start like a JPEG file (SOI followed by a marker).</summary>
    public static bool IsJpeg(ReadOnlySpan<byte> data) => data.Length > 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF;

    /// <summary>Reads the markers up to the first scan; null when the file is not one this decoder reproduces exactly.</summary>
    public static JpegDecoder? ReadHeader(ReadOnlySpan<byte> data)
    {
        if (!IsJpeg(data)) return null;
        var decoder = new JpegDecoder { _position = 2 };
        try
        {
            while (true)
            {
                var marker = decoder.NextMarker(data);
                if (marker == 0xDA)
                {
                    if (decoder.Frame is null) throw new UnsupportedJpegException("scan before frame header");
                    decoder.CheckColorSpace();
                    return decoder;
                }
                decoder.ReadSegment(data, marker);
            }
        }
        catch (Exception e) when (e is UnsupportedJpegException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    /// <summary>Decodes every scan and writes the rows to <paramref name="sink"/>; false when the file must go to the fallback decoder (no row was written then).</summary>
    /// <param name="data">The whole file, as given to <see cref="ReadHeader"/>.</param>
    /// <param name="sink">Receives the rows.</param>
    /// <param name="vectorized">False forces the scalar reference paths (for tests).</param>
    /// <param name="stages">When given, entropy decoding, the IDCT and colour conversion are timed apart (benchmark use).</param>
    /// <param name="scale">1, 2, 4 or 8: decode at 1/scale with libjpeg's reduced IDCTs (rows are then <see cref="JpegFrame.OutputWidth"/> wide).</param>
    public bool Decode(ReadOnlySpan<byte> data, IRgbaRowSink sink, bool vectorized = true, PreprocessStageTimes? stages = null, int scale = 1)
    {
        _vectorized = vectorized;
        var frame = Frame;
        frame.SetScale(scale);
        try
        {
            foreach (var c in frame.Components)
                c.Plane = ArrayPool<byte>.Shared.Rent(c.BlocksPerLine * c.DctSize * c.BlocksPerColumn * c.DctSize);
            DecodeScans(data, stages);
            var writer = new JpegRowWriter(frame, vectorized);
            var rows = Math.Min(frame.OutputHeight, sink.RowsNeeded);
            for (var y = Math.Max(sink.FirstRowNeeded, 0); y < rows; y++)
            {
                var start = stages is null ? 0 : System.Diagnostics.Stopwatch.GetTimestamp();
                writer.Write(y, sink.Row(y));
                if (stages is not null) stages.Color += System.Diagnostics.Stopwatch.GetElapsedTime(start);
                sink.Commit(y);
            }
            return true;
        }
        catch (Exception e) when (e is UnsupportedJpegException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return false;
        }
        finally
        {
            foreach (var c in frame.Components)
            {
                if (c.Plane.Length > 0) ArrayPool<byte>.Shared.Return(c.Plane);
                if (c.Coefficients is { } coefficients) ArrayPool<short>.Shared.Return(coefficients);
                c.Plane = [];
                c.Coefficients = null;
            }
        }
    }

    private void DecodeScans(ReadOnlySpan<byte> data, PreprocessStageTimes? stages)
    {
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        var frame = Frame;
        var scans = new JpegScanDecoder(frame);
        using var segment = new EntropySegment();
        var first = true;
        var direct = false;
        while (true)
        {
            var scan = ReadScanHeader(data);
            if (first)
            {
                // One sequential scan with every component: blocks go straight through the IDCT.
                direct = !frame.Progressive && scan.Components.Length == frame.Components.Length;
                if (!direct)
                    foreach (var c in frame.Components)
                    {
                        c.Coefficients = ArrayPool<short>.Shared.Rent(c.BlocksPerLine * c.BlocksPerColumn * 64);
                        c.Coefficients.AsSpan(0, c.BlocksPerLine * c.BlocksPerColumn * 64).Clear();
                    }
            }
            else if (direct) throw new UnsupportedJpegException("a second scan after a complete sequential scan");
            first = false;
            _position = segment.Read(data, _position);
            if (direct) SequentialScanDecoder.Decode(frame, scan, segment, _vectorized, stages);
            else scans.Decode(scan, segment);
            if (direct) return;  // the rest of the file (EOI, trailing data) does not change the pixels

            int marker;
            while ((marker = NextMarker(data)) != 0xDA)
            {
                if (marker == 0xD9)
                {
                    var transform = System.Diagnostics.Stopwatch.GetTimestamp();
                    TransformCoefficients();
                    if (stages is not null)
                    {
                        stages.Entropy += System.Diagnostics.Stopwatch.GetElapsedTime(start, transform);
                        stages.Transform += System.Diagnostics.Stopwatch.GetElapsedTime(transform);
                    }
                    return;
                }
                ReadSegment(data, marker);
            }
        }
    }

    /// <summary>Progressive and multi-scan files: every coefficient must be complete (libjpeg would otherwise smooth blocks), then the IDCT.</summary>
    private void TransformCoefficients()
    {
        foreach (var c in Frame.Components)
        {
            if (c.CoefficientBits.Any(b => b != 0)) throw new UnsupportedJpegException("incomplete progressive coefficients");
            fixed (short* coefficients = c.Coefficients)
            fixed (byte* plane = c.Plane)
            fixed (int* quant = c.Quant)
                for (var row = 0; row < c.HeightInBlocks; row++)
                    for (var column = 0; column < c.WidthInBlocks; column++)
                    {
                        var block = coefficients + (row * c.BlocksPerLine + column) * 64;
                        var output = plane + row * c.DctSize * c.Stride + column * c.DctSize;
                        var hasAc = new ReadOnlySpan<short>(block + 1, 63).ContainsAnyExcept((short)0);
                        JpegReducedIdct.Transform(c.DctSize, block, quant, output, c.Stride, hasAc, _vectorized);
                    }
        }
    }

    private int NextMarker(ReadOnlySpan<byte> data)
    {
        if (data[_position] != 0xFF) throw new UnsupportedJpegException("bytes between markers");
        while (data[_position] == 0xFF) _position++;
        return data[_position++];
    }

    private void ReadSegment(ReadOnlySpan<byte> data, int marker)
    {
        if (marker is 0xD8 or 0xD9 or (>= 0xD0 and <= 0xD7) or 0x01) throw new UnsupportedJpegException($"unexpected marker {marker:X2}");
        var length = (data[_position] << 8) | data[_position + 1];
        if (length < 2) throw new UnsupportedJpegException("bad segment length");
        var body = data.Slice(_position + 2, length - 2);
        _position += length;
        switch (marker)
        {
            case 0xC0 or 0xC1 or 0xC2:
                if (Frame is not null) throw new UnsupportedJpegException("second frame header");
                Frame = JpegFrame.Parse(body, marker == 0xC2);
                break;
            case 0xC4: ReadHuffmanTables(body); break;
            case 0xDB: ReadQuantTables(body); break;
            case 0xDD:
                if (body.Length < 2) throw new UnsupportedJpegException("short DRI");
                _restartInterval = (body[0] << 8) | body[1];
                break;
            case 0xE0:
                if (body.Length >= 14 && body[..5].SequenceEqual("JFIF\0"u8)) _jfif = true;
                break;
            case 0xEE:
                if (body.Length >= 12 && body[..5].SequenceEqual("Adobe"u8)) _adobeTransform = body[11];
                break;
            case (>= 0xE1 and <= 0xEF) or 0xFE:
                break;
            default:
                throw new UnsupportedJpegException($"marker {marker:X2} (arithmetic coding, lossless, hierarchical or DNL)");
        }
    }

    /// <summary>libjpeg's colour space guess for three components (jdapimin.c); only YCbCr is handled here.</summary>
    private void CheckColorSpace()
    {
        if (Frame.Components.Length == 1) return;
        var ids = Frame.Components.Select(c => c.Id).ToArray();
        var ycc = _jfif || (_adobeTransform >= 0 ? _adobeTransform == 1 : !(ids[0] == 'R' && ids[1] == 'G' && ids[2] == 'B'));
        if (!ycc || (!_jfif && _adobeTransform > 1)) throw new UnsupportedJpegException("RGB or unknown colour transform");
    }

    private void ReadHuffmanTables(ReadOnlySpan<byte> body)
    {
        while (body.Length > 0)
        {
            var (kind, slot) = (body[0] >> 4, body[0] & 15);
            if (kind > 1 || slot > 3) throw new UnsupportedJpegException("bad DHT");
            var counts = body.Slice(1, 16);
            var total = 0;
            foreach (var n in counts) total += n;
            var table = HuffmanTable.Build(counts, body.Slice(17, total), isDc: kind == 0);
            (kind == 0 ? _dcTables : _acTables)[slot] = table;
            body = body[(17 + total)..];
        }
    }

    private void ReadQuantTables(ReadOnlySpan<byte> body)
    {
        while (body.Length > 0)
        {
            var (precision, slot) = (body[0] >> 4, body[0] & 15);
            if (precision > 1 || slot > 3) throw new UnsupportedJpegException("bad DQT");
            var table = new int[64];
            for (var k = 0; k < 64; k++)
                table[JpegScanDecoder.NaturalOrder[k]] = precision == 0 ? body[1 + k] : (body[1 + 2 * k] << 8) | body[2 + 2 * k];
            // libjpeg-turbo's SIMD builds hold multipliers in 16 bits; keep to tables every build reads alike.
            if (table.Any(q => q > 32767)) throw new UnsupportedJpegException("quantiser over 32767");
            _quantTables[slot] = table;
            body = body[(1 + 64 * (precision + 1))..];
        }
    }

    private JpegScan ReadScanHeader(ReadOnlySpan<byte> data)
    {
        var length = (data[_position] << 8) | data[_position + 1];
        var body = data.Slice(_position + 2, length - 2);
        _position += length;
        var count = body[0];
        if (count is < 1 or > 4 || body.Length < 4 + 2 * count) throw new UnsupportedJpegException("bad SOS");
        var components = new JpegComponent[count];
        for (var i = 0; i < count; i++)
        {
            var id = body[1 + 2 * i];
            var c = Frame.Components.FirstOrDefault(x => x.Id == id) ?? throw new UnsupportedJpegException("scan names an unknown component");
            if (components.Take(i).Contains(c)) throw new UnsupportedJpegException("component twice in a scan");
            var tables = body[2 + 2 * i];
            c.DcTable = _dcTables[(tables >> 4) & 3];
            c.AcTable = _acTables[tables & 3];
            // libjpeg latches a component's quantisation table at its first scan.
            c.Quant ??= (int[]?)_quantTables[c.QuantTable]?.Clone() ?? throw new UnsupportedJpegException("missing quantisation table");
            components[i] = c;
        }
        var p = body[(1 + 2 * count)..];
        var scan = new JpegScan(components, p[0], p[1], p[2] >> 4, p[2] & 15, _restartInterval);
        CheckScan(scan);
        return scan;
    }

    /// <summary>The parameter checks libjpeg makes (errors and "bogus progression" warnings alike end in the fallback).</summary>
    private void CheckScan(JpegScan scan)
    {
        if (scan.Components.Length > 1 && scan.Components.Sum(c => c.Horizontal * c.Vertical) > 10)
            throw new UnsupportedJpegException("MCU over 10 blocks");
        var dc = scan.SpectralStart == 0;
        if (!Frame.Progressive)
        {
            if (scan.SpectralStart != 0 || scan.SpectralEnd != 63 || scan.BitHigh != 0 || scan.BitLow != 0)
                throw new UnsupportedJpegException("sequential scan with a spectral band");
        }
        else if ((dc && scan.SpectralEnd != 0) || (!dc && (scan.SpectralEnd < scan.SpectralStart || scan.SpectralEnd > 63 || scan.Components.Length != 1))
                 || (scan.BitHigh != 0 && scan.BitLow != scan.BitHigh - 1) || scan.BitLow > 13)
            throw new UnsupportedJpegException("bad progressive scan parameters");

        foreach (var c in scan.Components)
        {
            var needsDc = !Frame.Progressive || (dc && scan.BitHigh == 0);
            var needsAc = !Frame.Progressive || !dc;
            if ((needsDc && c.DcTable is null) || (needsAc && c.AcTable is null)) throw new UnsupportedJpegException("missing Huffman table");
            if (!dc && c.CoefficientBits[0] < 0) throw new UnsupportedJpegException("AC scan before DC scan");
            for (var k = scan.SpectralStart; k <= scan.SpectralEnd; k++)
            {
                var expected = Math.Max(c.CoefficientBits[k], 0);
                if (Frame.Progressive && scan.BitHigh != expected) throw new UnsupportedJpegException("bogus progression");
                if (!Frame.Progressive && c.CoefficientBits[k] >= 0) throw new UnsupportedJpegException("component scanned twice");
                c.CoefficientBits[k] = scan.BitLow;
            }
        }
    }
}
