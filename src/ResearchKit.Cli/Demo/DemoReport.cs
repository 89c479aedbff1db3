using System.Net;
using System.Text;
using ResearchKit.IO;
using ResearchKit.Evaluation;

namespace ResearchKit.Cli.Demo;

/// <summary>Writes the demo's single-file HTML report: data, recall plots, sample searches with thumbnails, calibration.</summary>
public sealed class DemoReport
{
    private readonly StringBuilder _body = new();

    /// <summary>A heading and a paragraph of plain text.</summary>
    public void Section(string title, string text) =>
        _body.Append($"<h2>{E(title)}</h2><p>{E(text)}</p>");

    /// <summary>A preformatted block (command output, config excerpt).</summary>
    public void Pre(string text) => _body.Append($"<pre>{E(text)}</pre>");

    /// <summary>Recall@k per query set and model, as a table and a grouped bar chart with the issue's targets.</summary>
    public void Evaluations(IReadOnlyList<RetrievalEvaluation> evaluations, IReadOnlyDictionary<string, double> targets)
    {
        if (evaluations.Count == 0) return;
        var sets = evaluations.SelectMany(e => e.Sets.Select(s => s.Name)).Distinct().ToList();
        _body.Append($"<h2>Recall@{evaluations[0].K} on the held-out set</h2><table><tr><th>model</th>");
        foreach (var s in sets) _body.Append($"<th>{E(s)}</th>");
        _body.Append("</tr>");
        foreach (var e in evaluations)
        {
            _body.Append($"<tr><td>{E(e.Model)}</td>");
            foreach (var s in sets)
            {
                var score = e.Sets.FirstOrDefault(x => x.Name == s);
                _body.Append(score is null || score.Skipped is not null ? "<td>–</td>" : $"<td>{SvgChart.Number(score.RecallAtK)} <small>({score.Queries} q)</small></td>");
            }
            _body.Append("</tr>");
        }
        _body.Append("</table>");
        var series = evaluations.Select(e => (e.Model, (IReadOnlyList<double?>)sets.Select(s =>
            e.Sets.FirstOrDefault(x => x.Name == s) is { Skipped: null } score ? score.RecallAtK : (double?)null).ToList())).ToList();
        _body.Append(SvgChart.GroupedBars(sets, series, targets));
        _body.Append("<p><small>Dashed lines: the quality targets (text label queries 0.5, cross-set image queries 0.6).</small></p>");
    }

    /// <summary>One query set's recall per breakdown value (for the emoji test collection: per training drawing set), as a grouped bar chart; nothing when the evaluations have no breakdown.</summary>
    public void Breakdown(IReadOnlyList<RetrievalEvaluation> evaluations, string set)
    {
        var scores = evaluations.Select(e => (e.Model, e.By, Score: e.Sets.FirstOrDefault(s => s.Name == set && s.Skipped is null))).Where(x => x.Score?.Breakdown is { Count: > 0 }).ToList();
        if (scores.Count == 0) return;
        var values = scores.SelectMany(x => x.Score!.Breakdown!.Select(g => g.Value)).Distinct().Order(StringComparer.Ordinal).ToList();
        _body.Append($"<h2>{E(set)} recall@{evaluations[0].K} by {E(scores[0].By!)}</h2>");
        _body.Append(SvgChart.GroupedBars(values, [.. scores.Select(x => (x.Model, (IReadOnlyList<double?>)[.. values.Select(v =>
            x.Score!.Breakdown!.FirstOrDefault(g => g.Value == v)?.RecallAtK)]))]));
        _body.Append($"<p><small>The same rankings, with recall counted only over the relevant items of each {E(scores[0].By!)}: which drawing style a model matches least.</small></p>");
    }

    /// <summary>Sample searches: the query (text or thumbnail) and the top hits as thumbnails, relevant hits outlined.</summary>
    public void Searches(string title, IReadOnlyList<DemoSearch> searches)
    {
        _body.Append($"<h2>{E(title)}</h2><table>");
        foreach (var s in searches)
        {
            var query = s.QueryImage is null ? $"“{E(s.Query)}”" : $"{Thumb(s.QueryImage, false)}<br><small>{E(s.Query)}</small>";
            _body.Append($"<tr><td><small>{E(s.Model)}</small></td><td class='q'>{query}</td><td>");
            foreach (var hit in s.Hits)
                _body.Append($"<span class='hit'>{Thumb(hit.Path, hit.Relevant)}<br><small>{E(Path.GetFileNameWithoutExtension(hit.Id))} {SvgChart.Number(hit.Score)}</small></span>");
            _body.Append("</td></tr>");
        }
        _body.Append("</table>");
    }

    /// <summary>The fitted calibration: parameters and a reliability plot.</summary>
    public void Calibration(string space, IReadOnlyList<double> scores, IReadOnlyList<bool> relevant, double temperature, double bias, string summary)
    {
        _body.Append($"<h2>Calibration ({E(space)}, training split)</h2><p>{E(summary)}</p>");
        if (scores.Count > 0) _body.Append(SvgChart.Reliability(scores, relevant, temperature, bias));
        _body.Append("<p><small>Line: sigmoid(T·cos + b); dots: observed share of relevant pairs per score bin (size ~ pairs).</small></p>");
    }

    /// <summary>Writes the report to <paramref name="path"/>.</summary>
    public void Save(string path, string title)
    {
        var html = $"<!doctype html><html><head><meta charset='utf-8'><title>{E(title)}</title><style>" +
            "body{font-family:sans-serif;max-width:1200px;margin:2em auto;color:#222}td,th{padding:4px 8px;border-bottom:1px solid #eee;vertical-align:top}" +
            "img{width:48px;height:48px;image-rendering:auto;background:#fff}.hit{display:inline-block;text-align:center;margin:2px 4px}" +
            ".rel{outline:3px solid #59a14f}.q{min-width:160px}pre{background:#f6f6f6;padding:8px;overflow:auto}</style></head>" +
            $"<body><h1>{E(title)}</h1>{_body}</body></html>";
        AtomicFile.WriteText(path, html);  // a report open in a browser is replaced whole, never half-written
    }

    private static string Thumb(string path, bool relevant)
    {
        var data = File.Exists(path) ? Convert.ToBase64String(File.ReadAllBytes(path)) : "";
        return $"<img class='{(relevant ? "rel" : "")}' src='data:image/png;base64,{data}' alt='{E(Path.GetFileName(path))}'>";
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
