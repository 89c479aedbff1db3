using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.Formatting.TabularData;
using ResearchKit.Kernel.Scripting.Polyglot;

#pragma warning disable CA1050 // The global namespace is the point: see the summary.

/// <summary>
/// .NET Interactive's <c>x.Display()</c>, <c>DisplayAs</c> and <c>DisplayTable</c> as cells call them, returning the very
/// <see cref="DisplayedValue"/> they announce, so that <c>DisplayedValue.Update</c> replaces the output in place. The
/// formatting library (1.0.0-beta.26120.1) announces one value and returns another, whose updates carry an id never
/// shown. These live in the global namespace because C# looks for extension methods there before it looks in
/// namespaces imported with <c>using System;</c> (where the library's are), so a cell binds to these without ambiguity.
/// </summary>
public static class InteractiveDisplayExtensions
{
    /// <summary>Shows the value now (formatted for <paramref name="mimeTypes"/>, else its preferred ones); the result updates it in place.</summary>
    public static DisplayedValue Display(this object? value, params string[] mimeTypes) =>
        InteractiveFormatting.Announce(new DisplayedValue(value, FormattedValue.CreateManyFromObject(value, mimeTypes)));

    /// <summary>Shows the string as content of the given mime type (e.g. <c>"&lt;b&gt;x&lt;/b&gt;".DisplayAs("text/html")</c>).</summary>
    public static DisplayedValue DisplayAs(this string value, string mimeType) =>
        InteractiveFormatting.Announce(new DisplayedValue(value, [new FormattedValue(mimeType, value)]));

    /// <summary>Shows the items as a table whose columns are their properties.</summary>
    public static DisplayedValue DisplayTable<T>(this IEnumerable<T>? value, params string[] mimeTypes) =>
        value is null ? Display(value, mimeTypes) : Display(value.ToTabularDataResource(), mimeTypes);
}
