namespace ResearchKit.Search;

/// <summary>
/// A <see cref="VectorMatrix"/> quantised to int8 with one symmetric scale per row (scale = max|x| / 127,
/// q = round(x / scale)), a quarter of the float32 size.
/// </summary>
public sealed class Int8Matrix
{
    // Keeps the int32 dot-product accumulators clear of overflow: 65,536 * 127 * 127 < 2^31.
    internal const int MaxDimension = 65_536;

    private const int QuantizeBlockRows = 4096;

    private Int8Matrix(sbyte[] data, float[] scales, int[] rowSums, int dimension)
    {
        Data = data;
        Scales = scales;
        RowSums = rowSums;
        Dimension = dimension;
    }

    /// <summary>Number of vectors.</summary>
    public int Rows => Scales.Length;

    /// <summary>Length of each vector.</summary>
    public int Dimension { get; }

    /// <summary>Bytes of quantised values and scales: what one full int8 scan reads.</summary>
    public long SizeInBytes => Data.LongLength + Scales.LongLength * sizeof(float);

    internal sbyte[] Data { get; }
    internal float[] Scales { get; }

    // Sum of each row's int8 values: removes the +128 query offset of the VNNI kernel.
    internal int[] RowSums { get; }

    /// <summary>Quantises every row of <paramref name="matrix"/>, using all cores.</summary>
    public static Int8Matrix Quantize(VectorMatrix matrix)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        if (matrix.Dimension > MaxDimension)
            throw new ArgumentException(
                $"matrix has {matrix.Dimension} dimensions; int8 search supports at most {MaxDimension}. Use ExactScanner instead.",
                nameof(matrix));
        var dim = matrix.Dimension;
        var data = new sbyte[matrix.Data.LongLength];
        var scales = new float[matrix.Rows];
        var rowSums = new int[matrix.Rows];
        var blocks = (matrix.Rows + QuantizeBlockRows - 1) / QuantizeBlockRows;
        Parallel.For(0, blocks, block =>
        {
            var end = Math.Min(matrix.Rows, (block + 1) * QuantizeBlockRows);
            for (var r = block * QuantizeBlockRows; r < end; r++)
            {
                var row = data.AsSpan(r * dim, dim);
                scales[r] = QuantizeRow(matrix.Row(r), row);
                var sum = 0;
                foreach (var v in row) sum += v;
                rowSums[r] = sum;
            }
        });
        return new Int8Matrix(data, scales, rowSums, dim);
    }

    /// <summary>The quantised vector in row <paramref name="row"/>; multiply by <see cref="Scale"/> to approximate the original.</summary>
    public ReadOnlySpan<sbyte> Row(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
        return new ReadOnlySpan<sbyte>(Data, row * Dimension, Dimension);
    }

    /// <summary>The scale of row <paramref name="row"/> (0 for an all-zero row).</summary>
    public float Scale(int row) => Scales[row];

    /// <summary>Quantises one vector into <paramref name="quantized"/> and returns its scale.</summary>
    internal static float QuantizeRow(ReadOnlySpan<float> values, Span<sbyte> quantized)
    {
        var maxAbs = 0f;
        foreach (var x in values) maxAbs = MathF.Max(maxAbs, MathF.Abs(x));
        if (maxAbs == 0f || !float.IsFinite(maxAbs))
        {
            // All zeros (or non-finite input, which has no meaningful int8 form): score it as zero.
            quantized.Clear();
            return 0f;
        }
        var scale = maxAbs / 127f;
        for (var i = 0; i < values.Length; i++)
            quantized[i] = (sbyte)Math.Clamp(MathF.Round(values[i] / scale), -127f, 127f);
        return scale;
    }
}
