// Chart helpers shared by the notebooks (#load "Charts.csx"). Plotly.NET's F# members take optional arguments that
// C# has to spell out; these wrap the few the notebooks use, so the notebook cells read as analysis, not plumbing.
using Plotly.NET;
using Plotly.NET.LayoutObjects;
using CSharpChart = Plotly.NET.CSharp.Chart;

/// <summary>The chart with a title.</summary>
static GenericChart Titled(GenericChart chart, string title) => Chart.withTitle(title, null).Invoke(chart);

/// <summary>The chart with axis titles.</summary>
static GenericChart Axes(GenericChart chart, string x, string y) =>
    Plotly.NET.CSharp.GenericChartExtensions.WithYAxisStyle<double, double, string>(Plotly.NET.CSharp.GenericChartExtensions.WithXAxisStyle<double, double, string>(chart, TitleText: x), TitleText: y);

/// <summary>
/// A slider under the chart that shows one group of traces at a time: step i makes visible the traces for which
/// <paramref name="visible"/>(i) is true. Plotly runs it in the browser, so it works in a static HTML export too.
/// </summary>
static GenericChart WithStepSlider(GenericChart chart, IReadOnlyList<string> labels, Func<int, bool[]> visible, string prefix, int active = 0)
{
    var steps = labels.Select((label, i) => SliderStep.init(
        Args: new[] { Tuple.Create("visible", (object)visible(i)) }, Execute: null, Label: label,
        Method: StyleParam.Method.Restyle, Name: null, TemplateItemName: null, Value: null, Visible: null)).ToArray();
    var current = SliderCurrentValue.init(Font: null, Offset: null, Prefix: prefix, Suffix: null, Visible: true, XAnchor: null);
    var slider = Slider.init(Active: active, ActiveBgColor: null, BgColor: null, BorderColor: null, BorderWidth: null,
        CurrentValue: current, Font: null, Len: null, LenMode: null, MinorTickLen: null, Name: null, Padding: null,
        Steps: steps, TemplateItemName: null, TickColor: null, TickLen: null, TickWidth: null, Transition: null,
        Visible: null, X: null, XAnchor: null, Y: null, YAnchor: null);
    return Chart.withSliders(new[] { slider }, null).Invoke(chart);
}

/// <summary>Pictures placed on the plot at data coordinates (x, y), each <paramref name="size"/> data units wide.</summary>
static GenericChart WithPictures(GenericChart chart, IEnumerable<(double X, double Y, string Source)> pictures, int size)
{
    var images = pictures.Select(p => LayoutImage.init<double, double>(Layer: StyleParam.Layer.Above, Name: null, Opacity: null,
        SizeX: size, SizeY: size, Sizing: StyleParam.LayoutImageSizing.Contain, Source: p.Source, TemplateItemname: null,
        Visible: null, X: p.X, XAnchor: StyleParam.XAnchorPosition.Center, XRef: "x", Y: p.Y,
        YAnchor: StyleParam.YAnchorPosition.Middle, YRef: "y")).ToArray();
    return Chart.withLayoutImages(images, null).Invoke(chart);
}

/// <summary>One scatter trace per group (so the legend toggles groups), with hover text per point.</summary>
static GenericChart GroupedScatter(IReadOnlyList<float[]> points, IReadOnlyList<string> groups, IReadOnlyList<string> hover)
{
    var traces = Enumerable.Range(0, points.Count).GroupBy(i => groups[i]).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g =>
        CSharpChart.Point<double, double, string>(
            g.Select(i => (double)points[i][0]).ToArray(), g.Select(i => (double)points[i][1]).ToArray(),
            Name: g.Key, MultiText: g.Select(i => hover[i]).ToArray(), Opacity: 0.8));
    return Plotly.NET.CSharp.GenericChartExtensions.WithSize(CSharpChart.Combine(traces), 820, 600);
}

/// <summary>The chart's traces shown or hidden at first (a slider step can change it later).</summary>
static GenericChart Shown(GenericChart chart, bool visible) =>
    Plotly.NET.CSharp.GenericChartExtensions.WithTraceInfo(chart, Visible: visible ? StyleParam.Visible.True : StyleParam.Visible.False);

/// <summary>At most <paramref name="max"/> evenly spaced elements (first and last kept), so long curves stay light in the notebook file.</summary>
static IReadOnlyList<T> Thin<T>(IReadOnlyList<T> points, int max) =>
    points.Count <= max ? points : [.. Enumerable.Range(0, max).Select(i => points[(int)Math.Round(i * (points.Count - 1) / (double)(max - 1))])];

/// <summary>
/// Result lists as columns of one HTML table (rank by rank), thumbnails included; items in <paramref name="relevant"/>
/// get a green frame, so hits and misses can be compared at a glance.
/// </summary>
static ResearchKit.Kernel.Scripting.Display.HtmlString SideBySide(IReadOnlyList<(string Title, IReadOnlyList<ResearchKit.Search.SearchResult> Results)> columns,
    ResearchKit.Datasets.Dataset data, IReadOnlyCollection<string>? relevant = null, int size = 48)
{
    string Encode(string text) => System.Net.WebUtility.HtmlEncode(text);
    string Cell(ResearchKit.Search.SearchResult r)
    {
        var hit = relevant?.Contains(r.Id) == true;
        var picture = data.TryGet(r.Id, out var item) ? $"<img src=\"{ResearchKit.Imaging.Thumbnail.DataUri(data.FullPath(item), size)}\" style=\"display:inline-block;border:3px solid {(hit ? "#2ca02c" : "transparent")}\"/>" : "";
        return $"<td style=\"text-align:center;font:11px sans-serif;width:{size + 60}px\">{picture}<br/>{Encode(r.Item?.Title ?? r.Id)}<br/>{r.Score:F3}</td>";
    }
    var html = new System.Text.StringBuilder("<table><tr><th>rank</th>");
    foreach (var (title, _) in columns) html.Append($"<th>{Encode(title)}</th>");
    html.Append("</tr>");
    for (var rank = 0; rank < columns.Max(c => c.Results.Count); rank++)
    {
        html.Append($"<tr><td>{rank + 1}</td>");
        foreach (var (_, results) in columns) html.Append(rank < results.Count ? Cell(results[rank]) : "<td></td>");
        html.Append("</tr>");
    }
    return new(html.Append("</table>").ToString());
}
