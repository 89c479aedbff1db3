namespace ResearchKit.Models;

/// <summary>One tensor of an ONNX graph whose bytes live in a separate file beside the graph.</summary>
/// <param name="Tensor">The tensor's name in the graph.</param>
/// <param name="Location">The data file, relative to the graph's folder, with forward slashes.</param>
/// <param name="Offset">Where the tensor's bytes start in that file.</param>
/// <param name="Length">How many bytes it reads, or null when it runs to the end of the file.</param>
public sealed record ExternalTensor(string Tensor, string Location, long Offset, long? Length);
