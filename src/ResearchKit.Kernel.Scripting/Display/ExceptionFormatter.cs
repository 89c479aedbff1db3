using System.Net;

namespace ResearchKit.Kernel.Scripting.Display;

/// <summary>Shows an exception value (not a thrown one) as its type, message and inner exceptions.</summary>
public sealed class ExceptionFormatter : IDisplayFormatter
{
    public bool TryFormat(object value, IDictionary<string, object> data)
    {
        if (value is not Exception exception) return false;
        var lines = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException) lines.Add($"{e.GetType().Name}: {e.Message}");
        data["text/plain"] = string.Join("\n ---> ", lines);
        data["text/html"] = "<pre style=\"color:#b00\">" + WebUtility.HtmlEncode(string.Join("\n ---> ", lines)) + "</pre>";
        return true;
    }
}
