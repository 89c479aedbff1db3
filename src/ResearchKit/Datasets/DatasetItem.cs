namespace ResearchKit.Datasets;

/// <summary>One image of a dataset with its metadata. The id is stable across runs: the metadata's <c>id</c>, else the relative path.</summary>
/// <param name="Id">Stable item id.</param>
/// <param name="RelativePath">Image path relative to the dataset folder, with '/' separators.</param>
/// <param name="Title">Human title (metadata <c>title</c> or <c>label</c>), if any.</param>
/// <param name="Labels">Labels (metadata <c>labels</c>/<c>label</c>).</param>
/// <param name="Tags">Tags (metadata <c>tags</c>).</param>
/// <param name="Extra">Every other metadata column, as text.</param>
public sealed record DatasetItem(
    string Id,
    string RelativePath,
    string? Title,
    IReadOnlyList<string> Labels,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> Extra)
{
    /// <summary>The value of a metadata field by name: id, path, title, labels/label, tags/tag, or an extra column.</summary>
    public IReadOnlyList<string> Field(string name) => name.ToLowerInvariant() switch
    {
        "id" => [Id],
        "path" => [RelativePath],
        "title" => Title is null ? [] : [Title],
        "label" or "labels" => Labels,
        "tag" or "tags" => Tags,
        _ => Extra.TryGetValue(name, out var v) ? [v] : [],
    };
}
