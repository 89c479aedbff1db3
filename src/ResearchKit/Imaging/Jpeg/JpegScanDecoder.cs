using System.Runtime.CompilerServices;

namespace ResearchKit.Imaging.Jpeg;

/// <summary>
/// Huffman decoding of one scan into whole-image coefficient arrays, as libjpeg's jdhuff.c (sequential) and jdphuff.c
/// (progressive: DC first/refine, AC first/refine with end-of-band runs) do it, walking MCUs and restart
/// intervals. Anything libjpeg would only warn about (a bad code, data running out, a coefficient past the
/// band) is an <see cref="UnsupportedJpegException"/>, so such files go to the fallback decoder.
/// </summary>
internal sealed unsafe class JpegScanDecoder
{
    /// <summary>Zigzag position to natural (row-major) index; the extra entries absorb runs past 63, as libjpeg's table does.</summary>
    internal static readonly int[] NaturalOrder =
    [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
        63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63, 63,
    ];

    private readonly JpegFrame _frame;
    private JpegBitReader _reader;
    private byte* _data;
    private long _end;
    private int _eobRun;

    public JpegScanDecoder(JpegFrame frame) => _frame = frame;

    /// <summary>Decodes a scan into the components' coefficient arrays.</summary>
    public void Decode(JpegScan scan, EntropySegment segment)
    {
        fixed (byte* data = segment.Bytes)
        {
            _data = data;
            _reader.Reset(data, 0);
            _end = (segment.Restarts.Count > 0 ? segment.Restarts[0] : segment.Length) * 8L;
            _eobRun = 0;
            foreach (var c in scan.Components) c.DcPredictor = 0;

            var (mcusAcross, mcusDown) = scan.Interleaved
                ? (_frame.McusAcross, _frame.McusDown)
                : (scan.Components[0].WidthInBlocks, scan.Components[0].HeightInBlocks);
            var mcu = 0;
            var restart = 0;
            for (var my = 0; my < mcusDown; my++)
                for (var mx = 0; mx < mcusAcross; mx++, mcu++)
                {
                    if (scan.RestartInterval > 0 && mcu > 0 && mcu % scan.RestartInterval == 0)
                        NextInterval(scan, segment, ++restart);
                    foreach (var c in scan.Components)
                    {
                        var (bw, bh) = scan.Interleaved ? (c.Horizontal, c.Vertical) : (1, 1);
                        for (var by = 0; by < bh; by++)
                            for (var bx = 0; bx < bw; bx++)
                            {
                                var column = mx * bw + bx;
                                var row = my * bh + by;
                                fixed (short* stored = &c.Coefficients![(row * c.BlocksPerLine + column) * 64])
                                    DecodeInto(scan, c, stored);
                                if (_reader.Position > _end) throw new UnsupportedJpegException("scan data ends early");
                            }
                    }
                }
        }
        _data = null;
    }

    private void NextInterval(JpegScan scan, EntropySegment segment, int interval)
    {
        if (interval > segment.Restarts.Count) throw new UnsupportedJpegException("missing restart marker");
        _reader.Reset(_data, segment.Restarts[interval - 1]);
        _end = (interval < segment.Restarts.Count ? segment.Restarts[interval] : segment.Length) * 8L;
        _eobRun = 0;
        foreach (var c in scan.Components) c.DcPredictor = 0;
    }

    private void DecodeInto(JpegScan scan, JpegComponent c, short* block)
    {
        if (!_frame.Progressive) DecodeSequential(c, block);
        else if (scan.SpectralStart == 0) DecodeDc(scan, c, block);
        else if (scan.BitHigh == 0) DecodeAcFirst(scan, c, block);
        else DecodeAcRefine(scan, c, block);
    }

    private void DecodeSequential(JpegComponent c, short* block)
    {
        var predictor = c.DcPredictor;
        fixed (int* natural = NaturalOrder)
            SequentialScanDecoder.DecodeBlock(ref _reader, block, c.DcTable!, c.AcTable!, ref predictor, natural);
        c.DcPredictor = predictor;
    }

    private void DecodeDc(JpegScan scan, JpegComponent c, short* block)
    {
        if (scan.BitHigh == 0)
        {
            c.DcPredictor += _reader.ReceiveExtend(_reader.Symbol(c.DcTable!));
            block[0] = (short)(c.DcPredictor << scan.BitLow);
        }
        else if (_reader.Read(1) != 0)
            block[0] |= (short)(1 << scan.BitLow);
    }

    private void DecodeAcFirst(JpegScan scan, JpegComponent c, short* block)
    {
        if (_eobRun > 0)
        {
            _eobRun--;
            return;
        }
        var ac = c.AcTable!;
        for (var k = scan.SpectralStart; k <= scan.SpectralEnd; k++)
        {
            var rs = _reader.Symbol(ac);
            var run = rs >> 4;
            var size = rs & 15;
            if (size != 0)
            {
                k += run;
                block[NaturalOrder[k]] = (short)(_reader.ReceiveExtend(size) << scan.BitLow);
            }
            else if (run == 15) k += 15;
            else
            {
                _eobRun = (1 << run) + _reader.Read(run) - 1;
                break;
            }
        }
    }

    private void DecodeAcRefine(JpegScan scan, JpegComponent c, short* block)
    {
        var plus = 1 << scan.BitLow;
        var minus = -1 << scan.BitLow;
        var k = scan.SpectralStart;
        var end = scan.SpectralEnd;
        if (_eobRun == 0)
        {
            var ac = c.AcTable!;
            for (; k <= end; k++)
            {
                var rs = _reader.Symbol(ac);
                var run = rs >> 4;
                var size = rs & 15;
                var value = 0;
                if (size != 0)
                {
                    if (size != 1) throw new UnsupportedJpegException("refinement coefficient of size over 1");
                    value = _reader.Read(1) != 0 ? plus : minus;
                }
                else if (run != 15)
                {
                    _eobRun = (1 << run) + _reader.Read(run);
                    break;
                }
                // Skip 'run' zero coefficients, refining the non-zero ones passed on the way.
                do
                {
                    var coefficient = block + NaturalOrder[k];
                    if (*coefficient != 0) Refine(coefficient, plus, minus);
                    else if (--run < 0) break;
                    k++;
                }
                while (k <= end);
                if (value != 0) block[NaturalOrder[k]] = (short)value;
            }
        }
        if (_eobRun > 0)
        {
            for (; k <= end; k++)
            {
                var coefficient = block + NaturalOrder[k];
                if (*coefficient != 0) Refine(coefficient, plus, minus);
            }
            _eobRun--;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Refine(short* coefficient, int plus, int minus)
    {
        if (_reader.Read(1) != 0 && (*coefficient & plus) == 0)
            *coefficient += (short)(*coefficient >= 0 ? plus : minus);
    }
}
