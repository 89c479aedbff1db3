namespace ResearchKit.Search;

/// <summary>
/// An immutable row-major float32 matrix, one embedding per row. Rows are expected to be L2-normalised so that
/// the inner products the scanners compute are cosine similarities; this is not checked.
/// </summary>
public sealed class VectorMatrix
{
    /// <summary>Copies <paramref name="values"/> (rows laid end to end) so later changes to the array cannot alter search results.</summary>
    public VectorMatrix(float[] values, int dimension)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimension);
        if (values.Length % dimension != 0)
            throw new ArgumentException(
                $"values has {values.Length} floats, which is not a whole number of {dimension}-dimensional rows. " +
                "Pass rows laid end to end, or the dimension the vectors were embedded with.", nameof(values));
        Data = (float[])values.Clone();
        Dimension = dimension;
        Rows = values.Length / dimension;
    }

    /// <summary>Number of vectors.</summary>
    public int Rows { get; }

    /// <summary>Length of each vector.</summary>
    public int Dimension { get; }

    /// <summary>Size of the float data in bytes: what one full scan reads.</summary>
    public long SizeInBytes => (long)Data.Length * sizeof(float);

    // Shared with the scanners, which never write to it.
    internal float[] Data { get; }

    /// <summary>The vector stored in row <paramref name="row"/>.</summary>
    public ReadOnlySpan<float> Row(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Rows);
        return new ReadOnlySpan<float>(Data, row * Dimension, Dimension);
    }

    internal void CheckQuery(int length, string field)
    {
        if (length != Dimension) throw new DimensionMismatchException(field, Dimension, length);
    }

    internal void CheckQueries(float[][] queries)
    {
        ArgumentNullException.ThrowIfNull(queries);
        for (var i = 0; i < queries.Length; i++)
        {
            if (queries[i] is null) throw new ArgumentException($"queries[{i}] is null; pass one vector per query.", nameof(queries));
            CheckQuery(queries[i].Length, $"queries[{i}]");
        }
    }
}
