namespace ResearchKit.Models;

/// <summary>The model families ResearchKit knows how to preprocess, tokenize and pool.</summary>
public enum ModelFamily
{
    /// <summary>SigLIP: SentencePiece unigram text tower, sigmoid-calibrated image-text scores.</summary>
    Siglip,
    /// <summary>SigLIP 2: Gemma tokenizer, otherwise SigLIP's towers and calibration.</summary>
    Siglip2,
    /// <summary>DINOv2 (with or without registers): image-only, CLS token embedding.</summary>
    Dinov2,
    /// <summary>EVA02-CLIP: EVA02 vision tower with a CLIP BPE text tower (open_clip layout).</summary>
    Eva02Clip,
    /// <summary>Any other open_clip-style CLIP export (CLIP BPE tokenizer, softmax scores).</summary>
    Clip,
}
