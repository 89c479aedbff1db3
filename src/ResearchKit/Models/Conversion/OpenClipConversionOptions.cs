namespace ResearchKit.Models.Conversion;

/// <summary>What <see cref="OpenClipConverter"/> converts, where it writes, and with which Python and recipe.</summary>
public sealed record OpenClipConversionOptions
{
    /// <summary>The open_clip checkpoint folder (open_clip_config.json, weights, vocab.json, merges.txt).</summary>
    public required string CheckpointDirectory { get; init; }

    /// <summary>Where visual.onnx, textual.onnx and the config and tokenizer files go; may be the checkpoint folder itself.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>A Python interpreter that imports torch (see <see cref="TorchPython"/>).</summary>
    public required string Python { get; init; }

    /// <summary>The conversion recipe, models/recipes/convert_open_clip.py.</summary>
    public required string Recipe { get; init; }

    /// <summary>Threads torch may use.</summary>
    public int Threads { get; init; } = 2;

    /// <summary>The least cosine between the ONNX and the PyTorch outputs on the recipe's probe inputs.</summary>
    public double ProbeTolerance { get; init; } = 0.9999;
}
