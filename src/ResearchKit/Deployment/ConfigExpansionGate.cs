namespace ResearchKit.Deployment;

/// <summary>The expansion gate as exported (see <see cref="Search.ExpansionGate"/>), with its note for people reading the file.</summary>
public sealed record ConfigExpansionGate(bool Open, string Metric, int DevQueries, double Gain, double Low, double High, string Note);
