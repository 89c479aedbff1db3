namespace ResearchKit.Models;

/// <summary>How the embedding vector is read out of an encoder's outputs.</summary>
public enum EmbeddingPooling
{
    /// <summary>The named output is already one vector per input ([batch, dim]).</summary>
    Direct,
    /// <summary>The CLS token of a [batch, tokens, dim] sequence output (DINOv2 without pooler_output).</summary>
    ClsToken,
    /// <summary>CLS token concatenated with the mean of the patch tokens (DINOv2's linear-probe feature).</summary>
    ClsPlusMeanPatch,
}
