using ResearchKit.Datasets;

namespace ResearchKit.Search;

/// <summary>
/// Conditions on item metadata, all of which must hold: <c>field=value</c> (the field, or any element of a list
/// field such as tags, equals the value, case-insensitively) or <c>field!=value</c> (none does).
/// </summary>
public sealed class MetadataFilter
{
    private readonly List<(string Field, string Value, bool Negated)> _conditions = [];

    /// <summary>Parses conditions like <c>tags=animal</c> or <c>set!=twemoji</c>.</summary>
    /// <exception cref="ArgumentException">A condition has no '=' or an empty field name.</exception>
    public static MetadataFilter Parse(IEnumerable<string> conditions)
    {
        var filter = new MetadataFilter();
        foreach (var text in conditions)
        {
            var negated = text.Contains("!=", StringComparison.Ordinal);
            var at = text.IndexOf(negated ? "!=" : "=", StringComparison.Ordinal);
            if (at <= 0) throw new ArgumentException($"filter '{text}' is not 'field=value' or 'field!=value' (e.g. tags=animal).");
            filter._conditions.Add((text[..at].Trim(), text[(at + (negated ? 2 : 1))..].Trim(), negated));
        }
        return filter;
    }

    public bool IsEmpty => _conditions.Count == 0;

    public bool Matches(DatasetItem item)
    {
        foreach (var (field, value, negated) in _conditions)
        {
            var hit = item.Field(field).Any(v => string.Equals(v, value, StringComparison.OrdinalIgnoreCase));
            if (hit == negated) return false;
        }
        return true;
    }

    public override string ToString() => string.Join(" & ", _conditions.Select(c => $"{c.Field}{(c.Negated ? "!=" : "=")}{c.Value}"));
}
