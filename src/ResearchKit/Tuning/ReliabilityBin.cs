namespace ResearchKit.Tuning;

/// <summary>One bin of a reliability diagram.</summary>
/// <param name="Low">Lower edge of the predicted-probability range.</param>
/// <param name="High">Upper edge.</param>
/// <param name="Count">Pairs in the bin.</param>
/// <param name="MeanPredicted">Mean predicted probability in the bin (its confidence).</param>
/// <param name="ObservedFrequency">Fraction of the bin's pairs that were relevant (its accuracy).</param>
public sealed record ReliabilityBin(double Low, double High, int Count, double MeanPredicted, double ObservedFrequency);
