using System.Text.Json.Nodes;
using Plotly.NET;

namespace ResearchKit.Kernel.Scripting.Display;

/// <summary>
/// Shows Plotly.NET charts as text/html (drawn once plotly.js is on the page; see <see cref="PlotlyLoader"/>) and as
/// application/vnd.plotly.v1+json for front ends with their own Plotly renderer (VS Code, JupyterLab's extension).
/// </summary>
public sealed class PlotlyChartFormatter : IDisplayFormatter
{
    /// <summary>Plotly's MIME type for a figure (data, layout, frames).</summary>
    public const string MimeType = "application/vnd.plotly.v1+json";

    public bool TryFormat(object value, IDictionary<string, object> data)
    {
        if (value is not GenericChart chart) return false;
        data["text/html"] = PlotlyScript.Deferred(GenericChart.toChartHTML(chart));
        var figure = JsonNode.Parse(GenericChart.toFigureJson(chart));
        if (figure is not null) data[MimeType] = figure;
        data["text/plain"] = "Plotly chart";
        return true;
    }
}
