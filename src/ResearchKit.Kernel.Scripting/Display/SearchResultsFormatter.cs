using System.Globalization;
using System.Net;
using System.Text;
using ResearchKit.Search;

namespace ResearchKit.Kernel.Scripting.Display;

/// <summary>Shows search results as an HTML grid of cards: thumbnail (when the dataset folder is known), id, title and score.</summary>
public sealed class SearchResultsFormatter : IDisplayFormatter
{
    public bool TryFormat(object value, IDictionary<string, object> data)
    {
        var view = value switch
        {
            SearchResultsView v => v,
            SearchResponse response => new SearchResultsView(response.Results, null),
            IEnumerable<SearchResult> results => new SearchResultsView(results.ToList(), null),
            _ => null,
        };
        if (view is null) return false;
        data["text/html"] = Render(view);
        data["text/plain"] = string.Join("\n", view.Results.Select((r, i) =>
            string.Create(CultureInfo.InvariantCulture, $"{i + 1,3}. {r.Score:F4}  {r.Id}{(r.Item?.Title is { } t ? "  " + t : "")}")));
        return true;
    }

    private static string Render(SearchResultsView view)
    {
        var html = new StringBuilder("<div style=\"display:flex;flex-wrap:wrap;gap:8px\">");
        foreach (var (result, rank) in view.Results.Select((r, i) => (r, i + 1)))
        {
            html.Append($"<figure style=\"margin:0;width:{view.ThumbnailSize}px;font:12px sans-serif\">");
            if (Thumbnail(view, result) is { } png)
                html.Append($"<img src=\"data:image/png;base64,{png}\" style=\"max-width:100%\"/>");
            html.Append("<figcaption>").Append(rank).Append(". ").Append(WebUtility.HtmlEncode(result.Item?.Title ?? result.Id))
                .Append(string.Create(CultureInfo.InvariantCulture, $"<br/>score {result.Score:F4}"));
            if (result.Calibrated is { } p) html.Append(string.Create(CultureInfo.InvariantCulture, $" · p {p:F2}"));
            html.Append("</figcaption></figure>");
        }
        return html.Append("</div>").ToString();
    }

    private static string? Thumbnail(SearchResultsView view, SearchResult result)
    {
        if (view.DatasetRoot is null || result.Item is null) return null;
        var path = Path.Combine(view.DatasetRoot, result.Item.RelativePath);
        if (!File.Exists(path)) return null;
        try
        {
            return Convert.ToBase64String(ResearchKit.Imaging.Thumbnail.Png(path, view.ThumbnailSize));
        }
        catch (Exception e) when (e is IOException or ResearchKitException)
        {
            return null; // an unreadable image still gets its card, without a picture
        }
    }
}
