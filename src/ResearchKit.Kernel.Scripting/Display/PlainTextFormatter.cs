using System.Collections;
using System.Globalization;

namespace ResearchKit.Kernel.Scripting.Display;

/// <summary>The text/plain form every bundle carries: C#-looking literals in the current culture, and sequences listed (first 20 items).</summary>
public static class PlainTextFormatter
{
    private const int MaxItems = 20;

    /// <summary>Text for any value, including null.</summary>
    public static string Format(object? value) => value switch
    {
        null => "null",
        string s => s,
        bool b => b ? "true" : "false",
        // The OS culture (LANG), as Console.WriteLine in the cell and .NET Interactive's formatter use it.
        IFormattable f => f.ToString(null, CultureInfo.CurrentCulture),
        Exception e => $"{e.GetType().Name}: {e.Message}",
        IEnumerable sequence when !HasOwnToString(value) => FormatSequence(value, sequence),
        _ => value.ToString() ?? value.GetType().Name,
    };

    private static string FormatSequence(object value, IEnumerable sequence)
    {
        var items = new List<string>();
        var more = false;
        foreach (var item in sequence)
        {
            if (items.Count == MaxItems) { more = true; break; }
            items.Add(item is string s ? $"\"{s}\"" : Format(item));
        }
        return $"{TypeNames.Readable(value.GetType())} {{ {string.Join(", ", items)}{(more ? ", ..." : "")} }}";
    }

    private static bool HasOwnToString(object value)
    {
        var method = value.GetType().GetMethod(nameof(ToString), Type.EmptyTypes);
        return method is not null && method.DeclaringType != typeof(object) && !method.DeclaringType!.IsGenericType
               && method.DeclaringType.Namespace?.StartsWith("System", StringComparison.Ordinal) != true;
    }
}
