using System.Globalization;
using System.Net;
using System.Text;

namespace ResearchKit.Cli.Demo;

/// <summary>Small self-contained SVG plots for the demo report (no script, no network).</summary>
public static class SvgChart
{
    private static readonly string[] Colours = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2"];

    /// <summary>Grouped bars: one group per category, one bar per series, values in [0, 1], with a dashed target line per category where given.</summary>
    public static string GroupedBars(IReadOnlyList<string> categories, IReadOnlyList<(string Series, IReadOnlyList<double?> Values)> series, IReadOnlyDictionary<string, double>? targets = null)
    {
        const int height = 220, top = 20, left = 40, groupWidth = 170, bar = 34;
        var width = left + categories.Count * groupWidth + 160;
        var svg = new StringBuilder(FormattableString.Invariant($"<svg xmlns='http://www.w3.org/2000/svg' width='{width}' height='{height + 60}' font-family='sans-serif' font-size='12'>"));
        for (var tick = 0; tick <= 4; tick++)
        {
            var y = top + height - tick * height / 4.0;
            svg.Append(FormattableString.Invariant($"<line x1='{left}' x2='{left + categories.Count * groupWidth}' y1='{y}' y2='{y}' stroke='#ddd'/><text x='4' y='{y + 4}'>{tick / 4.0:0.00}</text>"));
        }
        for (var c = 0; c < categories.Count; c++)
        {
            var x0 = left + c * groupWidth + 10;
            for (var s = 0; s < series.Count; s++)
            {
                if (series[s].Values[c] is not { } v) continue;
                var h = v * height;
                var x = x0 + s * (bar + 4);
                svg.Append(FormattableString.Invariant($"<rect x='{x}' y='{top + height - h}' width='{bar}' height='{h}' fill='{Colours[s % Colours.Length]}'/><text x='{x}' y='{top + height - h - 3}'>{v:0.00}</text>"));
            }
            if (targets is not null && targets.TryGetValue(categories[c], out var target))
            {
                var y = top + height - target * height;
                svg.Append(FormattableString.Invariant($"<line x1='{x0 - 5}' x2='{x0 + groupWidth - 25}' y1='{y}' y2='{y}' stroke='#c00' stroke-dasharray='4 3'/>"));
            }
            svg.Append(FormattableString.Invariant($"<text x='{x0}' y='{top + height + 18}'>{Escape(categories[c])}</text>"));
        }
        for (var s = 0; s < series.Count; s++)
        {
            var y = top + 10 + s * 18;
            var x = left + categories.Count * groupWidth + 10;
            svg.Append(FormattableString.Invariant($"<rect x='{x}' y='{y - 10}' width='12' height='12' fill='{Colours[s % Colours.Length]}'/><text x='{x + 16}' y='{y}'>{Escape(series[s].Series)}</text>"));
        }
        return svg.Append("</svg>").ToString();
    }

    /// <summary>Reliability plot: the fitted curve sigmoid(T * score + b) over the score range, and the observed relevant rate per score bin.</summary>
    public static string Reliability(IReadOnlyList<double> scores, IReadOnlyList<bool> relevant, double temperature, double bias, int bins = 12)
    {
        const int w = 420, h = 260, left = 40, top = 10;
        var min = scores.Min();
        var max = scores.Max();
        var span = Math.Max(1e-9, max - min);
        double X(double s) => left + (s - min) / span * (w - left - 10);
        double Y(double p) => top + (1 - p) * (h - top - 30);
        var svg = new StringBuilder(FormattableString.Invariant($"<svg xmlns='http://www.w3.org/2000/svg' width='{w}' height='{h}' font-family='sans-serif' font-size='11'>"));
        svg.Append(FormattableString.Invariant($"<rect x='{left}' y='{top}' width='{w - left - 10}' height='{h - top - 30}' fill='none' stroke='#999'/>"));
        var curve = new StringBuilder();
        for (var i = 0; i <= 60; i++)
        {
            var s = min + span * i / 60;
            curve.Append(FormattableString.Invariant($"{X(s):0.#},{Y(1 / (1 + Math.Exp(-(temperature * s + bias)))):0.#} "));
        }
        svg.Append($"<polyline points='{curve}' fill='none' stroke='#4e79a7' stroke-width='2'/>");
        for (var b = 0; b < bins; b++)
        {
            var lo = min + span * b / bins;
            var hi = lo + span / bins;
            var inBin = Enumerable.Range(0, scores.Count).Where(i => scores[i] >= lo && (scores[i] < hi || b == bins - 1)).ToList();
            if (inBin.Count == 0) continue;
            var rate = inBin.Count(i => relevant[i]) / (double)inBin.Count;
            svg.Append(FormattableString.Invariant($"<circle cx='{X((lo + hi) / 2):0.#}' cy='{Y(rate):0.#}' r='{Math.Min(8, 2 + Math.Log(inBin.Count)):0.#}' fill='#f28e2b' opacity='0.8'/>"));
        }
        svg.Append(FormattableString.Invariant($"<text x='{left}' y='{h - 8}'>cosine {min:0.00}</text><text x='{w - 70}' y='{h - 8}'>{max:0.00}</text><text x='2' y='{top + 10}'>1</text><text x='2' y='{h - 32}'>0</text>"));
        return svg.Append("</svg>").ToString();
    }

    private static string Escape(string text) => WebUtility.HtmlEncode(text);

    internal static string Number(double v) => v.ToString("0.000", CultureInfo.InvariantCulture);
}
