using System.Collections;
using System.Reflection;

namespace ResearchKit.Kernel.Scripting.Display;

/// <summary>
/// Shows sequences as an HTML table: one row per item, one column per public property (or the value itself). A
/// dictionary is shown the same way with its keys in place of the index, as .NET Interactive showed dictionaries.
/// </summary>
public sealed class SequenceTableFormatter : IDisplayFormatter
{
    /// <summary>Rows shown before the rest is summarised.</summary>
    public const int MaxRows = 50;

    public bool TryFormat(object value, IDictionary<string, object> data)
    {
        if (value is string || value is not IEnumerable sequence) return false;
        var (labelColumn, entries) = value is IDictionary dictionary
            ? ("key", Entries(dictionary).Select(e => (PlainTextFormatter.Format(e.Key), e.Value)))
            : ("index", Items(sequence).Select((item, i) => (i.ToString(), item)));
        var items = new List<(string Label, object? Item)>();
        long omitted = 0;
        foreach (var entry in entries)
        {
            if (items.Count < MaxRows) items.Add(entry);
            else omitted++;
        }
        var elementType = items.Select(e => e.Item).FirstOrDefault(i => i is not null)?.GetType();
        var properties = elementType is null || IsScalar(elementType)
            ? []
            : elementType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToArray();
        IReadOnlyList<string> header = properties.Length == 0 ? [labelColumn, "value"] : [labelColumn, .. properties.Select(p => p.Name)];
        var rows = items.Select(e => (IReadOnlyList<string>)(properties.Length == 0
            ? [e.Label, PlainTextFormatter.Format(e.Item)]
            : [e.Label, .. properties.Select(p => e.Item is null ? "null" : PlainTextFormatter.Format(SafeGet(p, e.Item)))]));
        data["text/html"] = HtmlTable.Render(header, rows, omitted);
        return true;
    }

    private static IEnumerable<object?> Items(IEnumerable sequence)
    {
        foreach (var item in sequence) yield return item;
    }

    private static IEnumerable<DictionaryEntry> Entries(IDictionary dictionary)
    {
        var enumerator = dictionary.GetEnumerator();
        while (enumerator.MoveNext()) yield return enumerator.Entry;
    }

    private static bool IsScalar(Type type) => type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Guid);

    private static object? SafeGet(PropertyInfo property, object item)
    {
        try { return property.GetValue(item); }
        catch (TargetInvocationException e) { return $"<{e.InnerException?.GetType().Name}>"; }
    }
}
