namespace ResearchKit.Models;

/// <summary>
/// An ONNX graph returned a different number of embeddings than it was fed, which happens when a graph
/// traced with a fixed batch size hard-codes that size somewhere inside.
/// </summary>
public sealed class GraphBatchException : ResearchKitException
{
    public GraphBatchException(string graph, string input, int? fixedBatch, int fed, int returned)
        : base($"Model '{graph}': fed {fed} item(s) through input '{input}' " +
               (fixedBatch is { } b ? $"(the graph declares a fixed batch of {b}, so ResearchKit feeds it chunks of {b}) " : "") +
               $"but it returned {returned} embedding(s). The graph's batch axis is inconsistent: re-export it with a dynamic batch axis " +
               "(torch.onnx.export(..., dynamic_axes={input: {0: 'batch'}})), or use the model's official export.")
    {
        Graph = graph;
        Input = input;
    }

    /// <summary>The ONNX file at fault.</summary>
    public string Graph { get; }

    /// <summary>The batched input.</summary>
    public string Input { get; }
}
