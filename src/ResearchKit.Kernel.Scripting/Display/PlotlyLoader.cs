namespace ResearchKit.Kernel.Scripting.Display;

/// <summary>
/// Puts plotly.js (<see cref="PlotlyScript.LoaderHtml"/>) into the first chart output of a session, so a live page, a
/// saved notebook and its nbconvert HTML all have it once, before any chart needs it. When the cell that carried it runs
/// again (front ends that send cell ids), its old output is gone, so the next chart carries it again.
/// </summary>
public sealed class PlotlyLoader
{
    private readonly object _gate = new();
    private bool _sent;
    private string? _carrier;
    private string? _runningCell;

    /// <summary>Notes the cell about to run (its front-end id, when known).</summary>
    public void CellStarting(string? cellId)
    {
        lock (_gate)
        {
            _runningCell = cellId;
            if (cellId is not null && cellId == _carrier) (_sent, _carrier) = (false, null);
        }
    }

    /// <summary>The bundle, with plotly.js prepended to its HTML if it is a chart and this session has not sent plotly.js yet.</summary>
    public DisplayBundle Attach(DisplayBundle bundle)
    {
        if (!bundle.Data.ContainsKey(PlotlyChartFormatter.MimeType) || bundle.Data.GetValueOrDefault("text/html") is not string html) return bundle;
        lock (_gate)
        {
            if (_sent) return bundle;
            (_sent, _carrier) = (true, _runningCell);
        }
        var data = new Dictionary<string, object>(bundle.Data) { ["text/html"] = PlotlyScript.LoaderHtml + html };
        return bundle with { Data = data };
    }
}
