namespace ResearchKit.Kernel.Scripting.Display;

/// <summary>
/// Turns values into MIME bundles: formatters registered later win, the first that accepts a value adds its rich
/// types, and text/plain is always added. A formatter that throws is skipped (its error shown in text/plain), never fatal.
/// </summary>
public sealed class DisplayFormatterRegistry
{
    private readonly List<IDisplayFormatter> _formatters = [];

    /// <summary>
    /// The formatters for charts, data frames, images, search results, HTML, exceptions and sequences; plain objects as
    /// .NET Interactive's property tables; and, first of all, formatters registered with .NET Interactive's Formatter.
    /// </summary>
    public static DisplayFormatterRegistry CreateDefault()
    {
        var registry = new DisplayFormatterRegistry();
        registry.Register(new Polyglot.InteractiveObjectFormatter());
        registry.Register(new SequenceTableFormatter());
        registry.Register(new ExceptionFormatter());
        registry.Register(new ImageFormatter());
        registry.Register(new DataFrameFormatter());
        registry.Register(new SearchResultsFormatter());
        registry.Register(new PlotlyChartFormatter());
        registry.Register(new HtmlStringFormatter());
        registry.Register(new Polyglot.HtmlContentFormatter());
        registry.Register(new Polyglot.InteractiveFormatterBridge());
        return registry;
    }

    /// <summary>Adds a formatter that takes precedence over those registered before it.</summary>
    public void Register(IDisplayFormatter formatter) => _formatters.Insert(0, formatter);

    /// <summary>The bundle for a value; null becomes the text "null".</summary>
    public DisplayBundle Format(object? value)
    {
        var data = new Dictionary<string, object>();
        if (value is not null)
        {
            foreach (var formatter in _formatters)
            {
                try
                {
                    if (formatter.TryFormat(value, data)) break;
                }
                catch (Exception e)
                {
                    data.Clear();
                    data["text/plain"] = $"{PlainTextFormatter.Format(value)}\n({formatter.GetType().Name} failed: {e.Message})";
                    return new DisplayBundle(data);
                }
            }
        }
        if (!data.ContainsKey("text/plain")) data["text/plain"] = PlainTextFormatter.Format(value);
        return new DisplayBundle(data);
    }
}
