using ResearchKit.Models;

namespace ResearchKit.Search;

/// <summary>
/// Turns a similarity into a probability of relevance: sigmoid(Temperature * score + Bias). For SigLIP the
/// model's own logit scale and bias are the default; tuning fits both on judged pairs.
/// </summary>
public sealed record ScoreCalibration(double Temperature, double Bias)
{
    /// <summary>The calibrated probability of one score; monotone increasing in the score when Temperature > 0.</summary>
    public double Probability(double score)
    {
        var z = Temperature * score + Bias;
        // Written so large |z| neither overflows nor loses the small tail.
        return z >= 0 ? 1.0 / (1.0 + Math.Exp(-z)) : Math.Exp(z) / (1.0 + Math.Exp(z));
    }

    /// <summary>The calibration a SigLIP model was trained with, when the model carries one.</summary>
    public static ScoreCalibration? FromModel(LogitParameters? logits) => logits is null ? null : new(logits.Scale, logits.Bias);
}
