using ResearchKit.Kernel.Scripting.Display;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace ResearchKit.Kernel.Scripting.Polyglot;

/// <summary>Shows ASP.NET's <see cref="IHtmlContent"/> (.NET Interactive's <c>HTML("…")</c>, PocketView tags) as text/html.</summary>
public sealed class HtmlContentFormatter : IDisplayFormatter
{
    public bool TryFormat(object value, IDictionary<string, object> data)
    {
        if (value is not IHtmlContent content) return false;
        using var writer = new StringWriter();
        content.WriteTo(writer, HtmlEncoder.Default);
        data["text/html"] = writer.ToString();
        return true;
    }
}
