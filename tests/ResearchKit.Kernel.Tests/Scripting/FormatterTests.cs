using System.Globalization;
using Microsoft.Data.Analysis;
using ResearchKit.Datasets;
using ResearchKit.Imaging;
using ResearchKit.Kernel.Scripting;
using ResearchKit.Kernel.Scripting.Display;
using ResearchKit.Search;

namespace ResearchKit.Kernel.Tests.Scripting;

public sealed class FormatterTests
{
    private readonly DisplayFormatterRegistry _registry = DisplayFormatterRegistry.CreateDefault();

    private sealed record Point(int X, string Label);

    [Fact]
    public void Text_plain_is_always_present()
    {
        Assert.Equal("null", _registry.Format(null).PlainText);
        Assert.Equal("true", _registry.Format(true).PlainText);
        Assert.Equal("0.5", _registry.Format(0.5).PlainText);
        Assert.Equal("List<int> { 1, 2, 3 }", _registry.Format(new List<int> { 1, 2, 3 }).PlainText);
    }

    [Fact]
    public void Sequences_of_records_become_tables_with_a_column_per_property()
    {
        var bundle = _registry.Format(Enumerable.Range(0, 60).Select(i => new Point(i, $"p<{i}>")).ToList());
        var html = (string)bundle.Data["text/html"];
        Assert.Contains("<th>X</th><th>Label</th>", html);
        Assert.Contains("p&lt;3&gt;", html);
        Assert.Contains("10 more rows", html);
    }

    [Fact]
    public void Dictionaries_become_tables_keyed_by_their_keys_as_in_dotnet_interactive()
    {
        var counts = (string)_registry.Format(new Dictionary<string, int> { ["zero"] = 0, ["one"] = 1 }).Data["text/html"];
        Assert.Contains("<th>key</th><th>value</th>", counts);
        Assert.Contains("<tr><td>zero</td><td>0</td></tr><tr><td>one</td><td>1</td></tr>", counts);
        var points = (string)_registry.Format(new SortedDictionary<string, Point> { ["a"] = new(1, "x<") }).Data["text/html"];
        Assert.Contains("<th>key</th><th>X</th><th>Label</th>", points);
        Assert.Contains("<tr><td>a</td><td>1</td><td>x&lt;</td></tr>", points);
    }

    [Fact]
    public void Numbers_in_text_follow_the_current_culture_as_Console_and_dotnet_interactive_do()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            Assert.Equal("1,5", _registry.Format(1.5).PlainText);
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("en-US");
            Assert.Equal("1.5", _registry.Format(1.5).PlainText);
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void A_data_frame_is_an_html_table()
    {
        var frame = new DataFrame(new PrimitiveDataFrameColumn<int>("id", [1, 2]), new StringDataFrameColumn("name", ["a", "b"]));
        var bundle = _registry.Format(frame);
        Assert.Contains("<th>id</th><th>name</th>", (string)bundle.Data["text/html"]);
        Assert.Contains("2 rows x 2 columns", bundle.PlainText);
    }

    [Fact]
    public void A_plotly_chart_is_html_and_plotly_json()
    {
        var chart = Plotly.NET.CSharp.Chart.Point<int, int, string>(x: new[] { 1, 2 }, y: new[] { 3, 4 });
        var bundle = _registry.Format(chart);
        Assert.Contains("plotly", (string)bundle.Data["text/html"], StringComparison.OrdinalIgnoreCase);
        var json = Assert.IsAssignableFrom<System.Text.Json.Nodes.JsonNode>(bundle.Data["application/vnd.plotly.v1+json"]);
        Assert.NotNull(json["data"]);
    }

    [Fact]
    public void Images_become_png()
    {
        var image = new RgbaImage(2, 2, SourceMode.Rgb, [255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 9, 9, 9, 255]);
        var bundle = _registry.Format(image);
        var png = Convert.FromBase64String((string)bundle.Data["image/png"]);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], png.Take(4));
        Assert.Equal("RgbaImage 2x2", bundle.PlainText);
        Assert.True(_registry.Format(png).Data.ContainsKey("image/png"));
        Assert.False(_registry.Format(new byte[] { 1, 2, 3 }).Data.ContainsKey("image/png"));
    }

    [Fact]
    public void Search_results_are_a_grid_with_scores_and_thumbnails_when_the_folder_is_known()
    {
        var folder = Directory.CreateTempSubdirectory("rk-grid").FullName;
        var image = new RgbaImage(4, 4, SourceMode.Rgb);
        File.WriteAllBytes(Path.Combine(folder, "cat.png"), ImageFormatter.EncodeRgba(image));
        var item = new DatasetItem("cat", "cat.png", "A cat", [], [], new Dictionary<string, string>());
        var results = new List<SearchResult> { new("cat", 0.91234, 0.7, 0.9, null, null, item) };
        var plain = _registry.Format(new SearchResponse(results, []));
        Assert.Contains("score 0.9123", (string)plain.Data["text/html"]);
        Assert.DoesNotContain("<img", (string)plain.Data["text/html"]);
        var withImages = _registry.Format(new SearchResultsView(results, folder));
        Assert.Contains("<img src=\"data:image/png;base64,", (string)withImages.Data["text/html"]);
        Assert.Contains("1. 0.9123  cat  A cat", withImages.PlainText);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public void Exceptions_show_the_chain_and_a_failing_formatter_falls_back_to_text()
    {
        var bundle = _registry.Format(new InvalidOperationException("outer", new IOException("inner")));
        Assert.Equal("InvalidOperationException: outer\n ---> IOException: inner", bundle.PlainText);
        var registry = DisplayFormatterRegistry.CreateDefault();
        registry.Register(new ThrowingFormatter());
        var fallback = registry.Format(5);
        Assert.StartsWith("5\n(ThrowingFormatter failed", fallback.PlainText);
    }

    [Fact]
    public void Html_strings_pass_through()
    {
        Assert.Equal("<b>x</b>", _registry.Format(new HtmlString("<b>x</b>")).Data["text/html"]);
    }

    private sealed class ThrowingFormatter : IDisplayFormatter
    {
        public bool TryFormat(object value, IDictionary<string, object> data) => throw new InvalidOperationException("boom");
    }
}
