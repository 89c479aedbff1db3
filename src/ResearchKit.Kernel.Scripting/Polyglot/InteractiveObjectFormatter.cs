using ResearchKit.Kernel.Scripting.Display;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.DotNet.Interactive.Formatting;

namespace ResearchKit.Kernel.Scripting.Polyglot;

/// <summary>
/// The last resort for plain objects (a class, record or anonymous object with public properties that no other formatter
/// took): .NET Interactive's HTML property table, as Polyglot notebooks showed them. Scalars, strings and sequences are
/// left to the kernel's own formatters.
/// </summary>
public sealed class InteractiveObjectFormatter : IDisplayFormatter
{
    public bool TryFormat(object value, IDictionary<string, object> data)
    {
        if (!IsPlainObject(value.GetType())) return false;
        data["text/html"] = Html(value);
        return true;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string Html(object value) => value.ToDisplayString("text/html");

    private static bool IsPlainObject(Type type)
    {
        if (type.IsPrimitive || type.IsEnum || type.IsPointer || typeof(System.Collections.IEnumerable).IsAssignableFrom(type)
            || typeof(Delegate).IsAssignableFrom(type) || typeof(Exception).IsAssignableFrom(type) || typeof(Task).IsAssignableFrom(type)
            || typeof(MemberInfo).IsAssignableFrom(type))
            return false;
        var ns = type.Namespace ?? "";
        // System types have their own text; ResearchKit's types keep the display the kernel gives them.
        if (ns is "System" or "ResearchKit" || ns.StartsWith("System.", StringComparison.Ordinal) || ns.StartsWith("ResearchKit.", StringComparison.Ordinal)) return false;
        if (type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Length == 0) return false;
        var anonymous = type.IsDefined(typeof(CompilerGeneratedAttribute)) && type.Name.Contains("AnonymousType", StringComparison.Ordinal);
        var record = type.GetMethod("<Clone>$") is not null || type.GetMethod("PrintMembers", BindingFlags.NonPublic | BindingFlags.Instance) is not null;
        var ownToString = type.GetMethod(nameof(ToString), Type.EmptyTypes)?.DeclaringType != typeof(object) && type.GetMethod(nameof(ToString), Type.EmptyTypes)?.DeclaringType != typeof(ValueType);
        return anonymous || record || !ownToString;
    }
}
