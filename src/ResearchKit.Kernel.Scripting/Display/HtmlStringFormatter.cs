namespace ResearchKit.Kernel.Scripting.Display;

/// <summary>Shows <see cref="HtmlString"/> as text/html.</summary>
public sealed class HtmlStringFormatter : IDisplayFormatter
{
    public bool TryFormat(object value, IDictionary<string, object> data)
    {
        if (value is not HtmlString html) return false;
        data["text/html"] = html.Html;
        return true;
    }
}
