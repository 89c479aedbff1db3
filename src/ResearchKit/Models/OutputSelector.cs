using Microsoft.ML.OnnxRuntime;

namespace ResearchKit.Models;

/// <summary>
/// Chooses the embedding output of an ONNX graph from its output names and the model family:
/// Immich's <c>embedding</c> (its older exporter: <c>image_embedding</c>/<c>text_embedding</c>), open_clip's
/// <c>image_embeds</c>/<c>text_embeds</c>, optimum's <c>pooler_output</c>, or DINOv2's CLS token from
/// <c>last_hidden_state</c>.
/// </summary>
public static class OutputSelector
{
    public static EmbeddingOutput ForImage(InferenceSession session, ModelDirectory model, EmbeddingPooling dinoPooling)
    {
        var outputs = session.OutputMetadata.Keys.ToList();
        if (Normalized(outputs, model, "image_embedding") is { } immich) return immich;
        if (outputs.Contains("image_embeds")) return new EmbeddingOutput("image_embeds", EmbeddingPooling.Direct);

        if (model.Family == ModelFamily.Dinov2)
        {
            // The CLS token is DINOv2's embedding: pooler_output where the graph has it (it equals
            // last_hidden_state[:, 0]); optimum's exports only have last_hidden_state.
            if (dinoPooling == EmbeddingPooling.ClsToken && outputs.Contains("pooler_output"))
                return new EmbeddingOutput("pooler_output", EmbeddingPooling.Direct);
            if (outputs.Contains("last_hidden_state"))
                return new EmbeddingOutput("last_hidden_state", dinoPooling == EmbeddingPooling.Direct ? EmbeddingPooling.ClsToken : dinoPooling, model.PrefixTokens);
        }
        if (outputs.Contains("pooler_output")) return new EmbeddingOutput("pooler_output", EmbeddingPooling.Direct);
        return Single(session, model.ImageModelPath!);
    }

    public static EmbeddingOutput ForText(InferenceSession session, ModelDirectory model)
    {
        var outputs = session.OutputMetadata.Keys.ToList();
        if (Normalized(outputs, model, "text_embedding") is { } immich) return immich;
        if (outputs.Contains("text_embeds")) return new EmbeddingOutput("text_embeds", EmbeddingPooling.Direct);
        if (outputs.Contains("pooler_output")) return new EmbeddingOutput("pooler_output", EmbeddingPooling.Direct);
        return Single(session, model.TextModelPath!);
    }

    // Immich's exports end in encode_*(normalize=True): "embedding" from the current exporter, and
    // "image_embedding" / "text_embedding" from the one before it. Only Immich folders are trusted to be unit-length.
    private static EmbeddingOutput? Normalized(List<string> outputs, ModelDirectory model, string legacyName)
    {
        foreach (var name in new[] { "embedding", legacyName })
            if (outputs.Contains(name)) return new EmbeddingOutput(name, EmbeddingPooling.Direct, AlreadyNormalized: model.OutputsNormalized);
        return null;
    }

    // A graph with exactly one [batch, dim] output leaves no doubt which output is the embedding.
    private static EmbeddingOutput Single(InferenceSession session, string path)
    {
        var candidates = session.OutputMetadata.Where(o => o.Value.Dimensions.Length == 2).Select(o => o.Key).ToList();
        if (candidates.Count == 1) return new EmbeddingOutput(candidates[0], EmbeddingPooling.Direct);
        throw new ModelLoadException(path, $"cannot tell which output is the embedding (outputs: {string.Join(", ", session.OutputMetadata.Keys)}). " +
            "Expected one of embedding, image_embedding, text_embedding, image_embeds, text_embeds, pooler_output or last_hidden_state.");
    }

    /// <summary>Reads one vector per batch item out of the chosen output.</summary>
    internal static float[][] Read(OrtValue value, EmbeddingOutput output, string model)
    {
        var shape = value.GetTensorTypeAndShape().Shape;
        var data = value.GetTensorDataAsSpan<float>();
        var batch = (int)shape[0];
        var result = new float[batch][];
        switch (output.Pooling)
        {
            case EmbeddingPooling.Direct:
            {
                if (shape.Length != 2) throw new ModelLoadException(model, $"output '{output.OutputName}' has rank {shape.Length}, expected [batch, dim].");
                var dim = (int)shape[1];
                for (var b = 0; b < batch; b++) result[b] = data.Slice(b * dim, dim).ToArray();
                break;
            }
            case EmbeddingPooling.ClsToken:
            case EmbeddingPooling.ClsPlusMeanPatch:
            {
                if (shape.Length != 3) throw new ModelLoadException(model, $"output '{output.OutputName}' has rank {shape.Length}, expected [batch, tokens, dim].");
                var tokens = (int)shape[1];
                var dim = (int)shape[2];
                var withMean = output.Pooling == EmbeddingPooling.ClsPlusMeanPatch;
                var patches = tokens - output.PrefixTokens;
                if (withMean && patches <= 0) throw new ModelLoadException(model, $"output '{output.OutputName}' has no patch tokens after {output.PrefixTokens} prefix tokens.");
                for (var b = 0; b < batch; b++)
                {
                    var sequence = data.Slice(b * tokens * dim, tokens * dim);
                    var vector = new float[withMean ? 2 * dim : dim];
                    sequence[..dim].CopyTo(vector);
                    if (withMean)
                    {
                        var mean = vector.AsSpan(dim, dim);
                        for (var t = output.PrefixTokens; t < tokens; t++)
                            System.Numerics.Tensors.TensorPrimitives.Add(mean, sequence.Slice(t * dim, dim), mean);
                        System.Numerics.Tensors.TensorPrimitives.Divide(mean, patches, mean);
                    }
                    result[b] = vector;
                }
                break;
            }
        }
        return result;
    }
}
