using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ResearchKit.Imaging;

/// <summary>
/// Writes RGBA rows into a float32 CHW tensor through per-channel lookup tables (rescale in double, narrow,
/// normalise: the reference's arithmetic, computed once per byte value). A source pixel (x, y) lands at
/// (x + dx, y + dy); what falls outside is dropped and tensor pixels no row covers keep the padding value
/// (byte 0 through the tables), as both references pad.
/// </summary>
internal sealed class ImageTensorWriter
{
    private readonly float[] _data;
    private readonly float[][] _lookup;
    private readonly int _width;
    private readonly int _height;
    private readonly int _dx;
    private readonly int _dy;

    public ImageTensorWriter(float[][] lookup, int width, int height, int dx, int dy, bool padded)
    {
        _lookup = lookup;
        _width = width;
        _height = height;
        _dx = dx;
        _dy = dy;
        _data = new float[3 * width * height];
        if (padded)
            for (var c = 0; c < 3; c++) _data.AsSpan(c * width * height, width * height).Fill(lookup[c][0]);
    }

    public ImageTensor Tensor => new(_data, 3, _height, _width);

    /// <summary>Writes source row <paramref name="sourceY"/> (RGBA, alpha ignored).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public unsafe void WriteRow(int sourceY, ReadOnlySpan<byte> rgba)
    {
        var y = sourceY + _dy;
        if (y < 0 || y >= _height) return;
        var first = Math.Max(0, -_dx);                        // first source column that lands inside
        var end = Math.Min(rgba.Length / 4, _width - _dx);   // one past the last
        if (end <= first) return;
        var plane = _width * _height;
        fixed (byte* src = rgba)
        fixed (float* r = _lookup[0], g = _lookup[1], b = _lookup[2])
        fixed (float* data = _data)
        {
            var outR = data + y * _width + _dx;
            var outG = outR + plane;
            var outB = outG + plane;
            var x = first;
            if (Avx2.IsSupported)
            {
                var mask = Vector256.Create(0xFF);
                for (; x + 8 <= end; x += 8)
                {
                    var pixels = Avx.LoadVector256((int*)(src + 4 * x));
                    Avx.Store(outR + x, Avx2.GatherVector256(r, pixels & mask, 4));
                    Avx.Store(outG + x, Avx2.GatherVector256(g, Vector256.ShiftRightLogical(pixels, 8) & mask, 4));
                    Avx.Store(outB + x, Avx2.GatherVector256(b, Vector256.ShiftRightLogical(pixels, 16) & mask, 4));
                }
            }
            for (; x < end; x++)
            {
                var p = src + 4 * x;
                outR[x] = r[p[0]];
                outG[x] = g[p[1]];
                outB[x] = b[p[2]];
            }
        }
    }
}
