using System.Collections;
using System.Reflection;

namespace ResearchKit.Kernel.Scripting.Display;

/// <summary>Shows sequences as an HTML table: one row per item, one column per public property (or the value itself).</summary>
public sealed class SequenceTableFormatter : IDisplayFormatter
{
    /// <summary>Rows shown before the rest is summarised.</summary>
    public const int MaxRows = 50;

    public bool TryFormat(object value, IDictionary<string, object> data)
    {
        if (value is string or IDictionary || value is not IEnumerable sequence) return false;
        var items = new List<object?>();
        long omitted = 0;
        foreach (var item in sequence)
        {
            if (items.Count < MaxRows) items.Add(item);
            else omitted++;
        }
        var elementType = items.FirstOrDefault(i => i is not null)?.GetType();
        var properties = elementType is null || IsScalar(elementType)
            ? []
            : elementType.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0).ToArray();
        IReadOnlyList<string> header = properties.Length == 0 ? ["index", "value"] : ["index", .. properties.Select(p => p.Name)];
        var rows = items.Select((item, i) => (IReadOnlyList<string>)(properties.Length == 0
            ? [i.ToString(), PlainTextFormatter.Format(item)]
            : [i.ToString(), .. properties.Select(p => item is null ? "null" : PlainTextFormatter.Format(SafeGet(p, item)))]));
        data["text/html"] = HtmlTable.Render(header, rows, omitted);
        return true;
    }

    private static bool IsScalar(Type type) => type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(Guid);

    private static object? SafeGet(PropertyInfo property, object item)
    {
        try { return property.GetValue(item); }
        catch (TargetInvocationException e) { return $"<{e.InnerException?.GetType().Name}>"; }
    }
}
