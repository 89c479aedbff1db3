using System.Text.Json;

namespace ResearchKit.Models;

/// <summary>
/// SigLIP's learned score calibration: probability = sigmoid(Scale * cosine + Bias). Real SigLIP exports
/// keep these inside the weights; ResearchKit reads them from <c>logit_params.json</c> beside the model
/// (the fixtures' layout) or from the registry entry.
/// </summary>
public sealed record LogitParameters(double Scale, double Bias)
{
    /// <summary>The calibrated probability for one cosine similarity.</summary>
    public double Probability(double cosine) => 1.0 / (1.0 + Math.Exp(-(Scale * cosine + Bias)));

    /// <summary>Reads <c>logit_params.json</c> ({"logit_scale": s, "logit_bias": b}) from a model directory, if present.</summary>
    public static LogitParameters? TryRead(string modelDirectory)
    {
        var path = Path.Combine(modelDirectory, "logit_params.json");
        if (!File.Exists(path)) return null;
        using var doc = ModelDirectory.ReadJson(path);
        if (!doc.RootElement.TryGetProperty("logit_scale", out var s) || s.ValueKind != JsonValueKind.Number ||
            !doc.RootElement.TryGetProperty("logit_bias", out var b) || b.ValueKind != JsonValueKind.Number)
            throw new ModelLoadException(path, "needs numeric 'logit_scale' and 'logit_bias' fields.");
        return new LogitParameters(s.GetDouble(), b.GetDouble());
    }
}
