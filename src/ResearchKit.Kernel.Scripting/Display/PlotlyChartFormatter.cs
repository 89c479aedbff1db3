using System.Text.Json.Nodes;
using Plotly.NET;

namespace ResearchKit.Kernel.Scripting.Display;

/// <summary>Shows Plotly.NET charts as text/html (self-loading plotly.js) and as application/vnd.plotly.v1+json for JupyterLab's renderer.</summary>
public sealed class PlotlyChartFormatter : IDisplayFormatter
{
    public bool TryFormat(object value, IDictionary<string, object> data)
    {
        if (value is not GenericChart chart) return false;
        data["text/html"] = GenericChart.toChartHTML(chart);
        var figure = JsonNode.Parse(GenericChart.toFigureJson(chart));
        if (figure is not null) data["application/vnd.plotly.v1+json"] = figure;
        data["text/plain"] = "Plotly chart";
        return true;
    }
}
