namespace ResearchKit.Models;

/// <summary>How the files of a model directory are laid out on disk.</summary>
public enum ModelLayout
{
    /// <summary>Hugging Face / optimum export: config.json, preprocessor_config.json, ONNX at the root or under onnx/.</summary>
    HuggingFace,
    /// <summary>open_clip-style export: visual.onnx, textual.onnx and open_clip_config.json.</summary>
    OpenClip,
    /// <summary>Immich's model folders: visual/model.onnx + preprocess_cfg.json, textual/model.onnx + tokenizer.json.</summary>
    Immich,
}
