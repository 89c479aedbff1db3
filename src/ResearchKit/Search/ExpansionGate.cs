namespace ResearchKit.Search;

/// <summary>
/// Whether expansion may change queries for one model and gallery, decided by measurement: tuned expansion against
/// the plain query on the dev queries (<c>researchkit tune expansion</c>). Closed when the mean gain is not positive.
/// </summary>
/// <param name="Open">Whether expansion is applied.</param>
/// <param name="Metric">The metric compared, e.g. "ndcg@10".</param>
/// <param name="DevQueries">How many dev queries the decision rests on.</param>
/// <param name="Gain">Mean gain of expansion over the plain query on them.</param>
/// <param name="Low">Lower end of its 95% paired bootstrap interval.</param>
/// <param name="High">Upper end of that interval.</param>
public sealed record ExpansionGate(bool Open, string Metric, int DevQueries, double Gain, double Low, double High)
{
    /// <summary>One line for search notes and reports.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string Note => Open
        ? FormattableString.Invariant($"expansion is on for this model and gallery: on {DevQueries} dev queries it changed {Metric} by {Gain:+0.000;-0.000} (95% CI {Low:+0.000;-0.000} to {High:+0.000;-0.000}).")
        : FormattableString.Invariant($"expansion passed the query through: on {DevQueries} dev queries for this model and gallery it did not beat the plain query ({Metric} {Gain:+0.000;-0.000}, 95% CI {Low:+0.000;-0.000} to {High:+0.000;-0.000}).");
}
