namespace ResearchKit.Models;

/// <summary>
/// Feeds graphs whose batch axis is a fixed number (Immich's exports are traced with batch 1) in chunks of
/// exactly that size, whoever calls them (indexing, search, crops, the service): a short last chunk is
/// filled up with copies of its last item, whose outputs are dropped.
/// </summary>
internal static class FixedBatch
{
    /// <summary>The fixed batch size of a declared input shape, or null when the batch axis is dynamic.</summary>
    public static int? Of(IReadOnlyList<long> declaredShape) =>
        declaredShape.Count > 0 && declaredShape[0] > 0 ? (int)declaredShape[0] : null;

    /// <summary>Runs <paramref name="run"/> over <paramref name="items"/> in chunks the graph accepts and joins the vectors in order.</summary>
    /// <param name="items">What to embed.</param>
    /// <param name="batch">The graph's fixed batch size, or null to run everything at once.</param>
    /// <param name="run">Runs one chunk (always exactly <paramref name="batch"/> long when fixed) and returns one vector per item.</param>
    /// <param name="graph">The ONNX file, for errors.</param>
    /// <param name="input">The batched input's name, for errors.</param>
    public static float[][] Run<T>(IReadOnlyList<T> items, int? batch, Func<IReadOnlyList<T>, float[][]> run, string graph, string input)
    {
        if (batch is not { } size || items.Count == size) return Checked(run(items), items.Count, graph, input, batch);
        var result = new float[items.Count][];
        for (var start = 0; start < items.Count; start += size)
        {
            var take = Math.Min(size, items.Count - start);
            var chunk = new T[size];
            for (var i = 0; i < size; i++) chunk[i] = items[start + Math.Min(i, take - 1)];
            var vectors = Checked(run(chunk), size, graph, input, batch);
            Array.Copy(vectors, 0, result, start, take);
        }
        return result;
    }

    private static float[][] Checked(float[][] vectors, int fed, string graph, string input, int? batch)
    {
        if (vectors.Length == fed) return vectors;
        throw new GraphBatchException(graph, input, batch, fed, vectors.Length);
    }
}
