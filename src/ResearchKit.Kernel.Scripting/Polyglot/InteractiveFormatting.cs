using System.Runtime.CompilerServices;
using Microsoft.DotNet.Interactive.Formatting;
using ResearchKit.Kernel.Scripting.Display;
using PlainTextFormatter = ResearchKit.Kernel.Scripting.Display.PlainTextFormatter;

namespace ResearchKit.Kernel.Scripting.Polyglot;

/// <summary>
/// Joins .NET Interactive's formatting library (Microsoft.DotNet.Interactive.Formatting) to the kernel's display
/// pipeline: <c>x.Display()</c> and <c>DisplayedValue.Update</c> reach the running cell, and formatters registered with
/// <c>Formatter.Register</c> or mime types set with <c>Formatter.SetPreferredMimeTypesFor</c> take effect. Nothing here
/// touches the library until a cell has loaded it, so cells that never use it pay nothing.
/// </summary>
public static class InteractiveFormatting
{
    private const string AssemblyName = "Microsoft.DotNet.Interactive.Formatting";
    private static readonly object Gate = new();
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> Shown = new();
    private static bool _watching, _subscribed;
    private static volatile bool _loaded;

    /// <summary>Subscribes to the library's displayed values as soon as it is loaded (now, if it already is).</summary>
    public static void Install()
    {
        lock (Gate)
        {
            if (_watching) return;
            _watching = true;
            AppDomain.CurrentDomain.AssemblyLoad += (_, e) =>
            {
                if (e.LoadedAssembly.GetName().Name != AssemblyName) return;
                _loaded = true;
                Subscribe();
            };
        }
        if (ScanLoaded()) Subscribe();
    }

    /// <summary>True once a cell (or the kernel) has loaded the formatting library.</summary>
    /// <remarks>Once <see cref="Install"/> watches assembly loads this is a flag: scanning every loaded assembly on each
    /// formatted value cost a cell about 8% of its time, and a session's assembly list grows with every cell.</remarks>
    public static bool IsLoaded => _loaded || !_watching && ScanLoaded();

    private static bool ScanLoaded() =>
        _loaded = _loaded || AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == AssemblyName);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Subscribe()
    {
        lock (Gate)
        {
            if (_subscribed) return;
            _subscribed = true;
        }
        Formatter.SubscribeToDisplayedValues(OnDisplayed);
    }

    /// <summary>
    /// Announces a value to the library's subscribers (the kernel among them), as the library's own <c>Display()</c> does,
    /// and returns it: its <c>Update</c> then replaces the output it made.
    /// </summary>
    internal static DisplayedValue Announce(DisplayedValue displayed)
    {
        if (LibraryEvents.Raise is { } raise) raise(displayed);
        else OnDisplayed(displayed);
        return displayed;
    }

    /// <summary>Apart from the outer class, so that only a cell's <c>Display()</c> loads the library.</summary>
    private static class LibraryEvents
    {
        // Formatter.RaiseFormatterEvent is internal to the library; the kernel carries the version that has it.
        public static readonly Action<DisplayedValue>? Raise = typeof(Formatter)
            .GetMethod("RaiseFormatterEvent", System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static, [typeof(DisplayedValue)])
            ?.CreateDelegate<Action<DisplayedValue>>();
    }

    private static void OnDisplayed(DisplayedValue displayed)
    {
        if (CellContext.Current is not { } cell) return;
        // An Update of a value shown earlier replaces it; the library's own Display() (reachable as
        // System.DisplayExtensions.Display) returns a value never announced, whose updates are shown as new outputs.
        var update = displayed.IsUpdated && Shown.ContainsKey(displayed.DisplayId);
        Shown.TryAdd(displayed.DisplayId, 0);
        cell.Display(ToBundle(displayed.Value, displayed.FormattedValues, cell.Formatters), displayed.DisplayId, update);
    }

    /// <summary>
    /// The bundle for a value the library formatted: as the kernel formats it when the library used the type's preferred
    /// mime types (so charts, data frames and images look as they do everywhere else), else the mime types asked for.
    /// </summary>
    internal static DisplayBundle ToBundle(object? value, IReadOnlyList<FormattedValue> formatted, DisplayFormatterRegistry formatters)
    {
        var preferred = Formatter.GetPreferredMimeTypesFor(value?.GetType());
        if (formatted.Select(f => f.MimeType).ToHashSet().SetEquals(preferred)) return formatters.Format(value);
        var data = formatted.ToDictionary(f => f.MimeType, f => (object)f.Value);
        data.TryAdd("text/plain", PlainTextFormatter.Format(value));
        return new DisplayBundle(data);
    }

    /// <summary>The value formatted by the library for the given mime types (<c>display(x, "text/html")</c>).</summary>
    internal static DisplayBundle Format(object? value, IReadOnlyList<string> mimeTypes)
    {
        var data = mimeTypes.Distinct().ToDictionary(m => m, m => (object)value.ToDisplayString(m));
        data.TryAdd("text/plain", PlainTextFormatter.Format(value));
        return new DisplayBundle(data);
    }

    /// <summary>
    /// Representations the user asked the library for: every preferred mime type of the value's type, formatted by the
    /// library, when a formatter was registered for the type (or a base type) or its preferred mime types were changed.
    /// False when the library has no say.
    /// </summary>
    internal static bool TryFormatRequested(object value, IDictionary<string, object> data)
    {
        if (!IsLoaded) return false;
        return TryFormatLoaded(value, data);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool TryFormatLoaded(object value, IDictionary<string, object> data)
    {
        var type = value.GetType();
        var preferred = Formatter.GetPreferredMimeTypesFor(type);
        var registered = Formatter.RegisteredFormatters(includeDefaults: false).Any(f => Applies(f.Type, type));
        var defaultMimeType = type == typeof(string) ? "text/plain" : Formatter.DefaultMimeType;
        var changed = preferred.Count != 1 || preferred.First() != defaultMimeType;
        if (!registered && !changed) return false;
        foreach (var mimeType in preferred) data[mimeType] = value.ToDisplayString(mimeType);
        return true;
    }

    private static bool Applies(Type formatterType, Type valueType) =>
        formatterType.IsAssignableFrom(valueType)
        || formatterType.IsGenericTypeDefinition && Ancestry(valueType).Any(t => t.IsGenericType && t.GetGenericTypeDefinition() == formatterType);

    private static IEnumerable<Type> Ancestry(Type type)
    {
        for (var t = type; t is not null; t = t.BaseType) yield return t;
        foreach (var i in type.GetInterfaces()) yield return i;
    }
}
