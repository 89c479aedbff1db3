namespace ResearchKit.Search;

/// <summary>A query quantised like the matrix rows and widened to int16 once, so the scan only widens the rows.</summary>
internal sealed class QuantizedQuery
{
    private QuantizedQuery(short[] values, float scale)
    {
        Values = values;
        Scale = scale;
    }

    public short[] Values { get; }
    public float Scale { get; }

    public static QuantizedQuery From(ReadOnlySpan<float> query)
    {
        var bytes = new sbyte[query.Length];
        var scale = Int8Matrix.QuantizeRow(query, bytes);
        return new QuantizedQuery(Array.ConvertAll(bytes, b => (short)b), scale);
    }
}
