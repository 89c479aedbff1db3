namespace ResearchKit.Search;

/// <summary>
/// A query quantised like the matrix rows, prepared once for both integer kernels: widened to int16 (AVX2
/// multiply-add) and offset by +128 to unsigned bytes (AVX-VNNI's unsigned-by-signed byte dot product).
/// </summary>
internal sealed class QuantizedQuery
{
    private QuantizedQuery(short[] values, byte[] offsetValues, float scale)
    {
        Values = values;
        OffsetValues = offsetValues;
        Scale = scale;
    }

    public short[] Values { get; }

    /// <summary>Each value + 128 (1..255): dot(offset, row) = dot(query, row) + 128 * sum(row).</summary>
    public byte[] OffsetValues { get; }

    public float Scale { get; }

    public static QuantizedQuery From(ReadOnlySpan<float> query)
    {
        var bytes = new sbyte[query.Length];
        var scale = Int8Matrix.QuantizeRow(query, bytes);
        return new QuantizedQuery(Array.ConvertAll(bytes, b => (short)b), Array.ConvertAll(bytes, b => (byte)(b + 128)), scale);
    }

    /// <summary>The exact integer dot product with a quantised row whose values sum to <paramref name="rowSum"/>.</summary>
    public int Dot(ReadOnlySpan<sbyte> row, int rowSum) =>
        Int8DotProduct.VnniSupported ? Int8DotProduct.DotOffset(row, OffsetValues) - 128 * rowSum : Int8DotProduct.Dot(row, Values);
}
