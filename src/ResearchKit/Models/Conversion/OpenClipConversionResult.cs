namespace ResearchKit.Models.Conversion;

/// <summary>A finished conversion: where the model now is, what it is, and how closely ONNX matched PyTorch.</summary>
/// <param name="OutputDirectory">The folder holding visual.onnx, textual.onnx and the config and tokenizer files.</param>
/// <param name="Probe">The ONNX-versus-PyTorch check the conversion passed.</param>
/// <param name="Published">The files written or replaced in <paramref name="OutputDirectory"/>.</param>
public sealed record OpenClipConversionResult(string OutputDirectory, ConversionProbe.Result Probe, IReadOnlyList<string> Published);
