namespace ResearchKit.Datasets;

/// <summary>One record of a metadata file: its line number (for error messages) and its fields by lower-case name.</summary>
public sealed record MetadataRow(int Line, IReadOnlyDictionary<string, IReadOnlyList<string>> Fields)
{
    public string? Single(string name) => Fields.TryGetValue(name, out var v) && v.Count > 0 && v[0].Length > 0 ? v[0] : null;

    public IReadOnlyList<string> List(string name) => Fields.TryGetValue(name, out var v) ? v : [];
}
