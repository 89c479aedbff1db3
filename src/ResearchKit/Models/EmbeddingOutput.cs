namespace ResearchKit.Models;

/// <summary>
/// Which ONNX output holds the embedding and how to pool it. Decided from the model card and the
/// graph's output names, never hard-coded per checkpoint.
/// </summary>
/// <param name="OutputName">The ONNX output to read.</param>
/// <param name="Pooling">How to turn that output into one vector per input.</param>
/// <param name="PrefixTokens">Tokens before the first patch token (1 CLS + DINOv2 registers), for patch means.</param>
/// <param name="AlreadyNormalized">True when the graph already L2-normalises (Immich's exports).</param>
public sealed record EmbeddingOutput(string OutputName, EmbeddingPooling Pooling, int PrefixTokens = 1, bool AlreadyNormalized = false);
