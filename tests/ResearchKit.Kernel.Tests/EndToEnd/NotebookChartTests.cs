using System.Diagnostics;
using ResearchKit.Tests.Judging;

namespace ResearchKit.Kernel.Tests.EndToEnd;

/// <summary>
/// Every chart of notebooks 01-06 drawn offline in headless Chromium: in nbconvert's HTML of the executed notebooks,
/// and in Debian's classic Notebook on 127.0.0.1 running the notebooks live through the kernel (Run All). The browser
/// resolves no host but 127.0.0.1, so a chart that needed a CDN would stay an empty box. A drawn chart is a
/// <c>.js-plotly-plot</c> with its <c>.main-svg</c>.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class NotebookChartTests(ExecutedNotebooks executed) : IClassFixture<ExecutedNotebooks>
{
    private static readonly string[] Offline = ["--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"];

    private const string DrawnCharts = "document.querySelectorAll('.js-plotly-plot .main-svg').length ? "
        + "Array.from(document.querySelectorAll('.js-plotly-plot')).filter(p => p.querySelector('.main-svg')).length : 0";

    [ChartFact]
    public async Task Nbconvert_html_draws_every_chart_offline()
    {
        using var folder = new ResearchKit.Tests.TempDirectory();
        await using var browser = await ChromiumBrowser.LaunchAsync(ChromiumBrowser.FindExecutable()!, Offline);
        var report = new List<string>();
        foreach (var name in ExecutedNotebooks.Names)
        {
            var expected = executed.Charts(name);
            var (code, log) = JupyterTools.Run(JupyterTools.Python, ["-m", "nbconvert", "--to", "html", "--output-dir", folder.Path, "--output", name, executed.PathOf(name)],
                new Dictionary<string, string>(), TimeSpan.FromMinutes(2));
            Assert.True(code == 0, log);
            var (page, tab) = await browser.OpenTabAsync(new Uri(Path.Combine(folder.Path, name + ".html")));
            await using (page)
            {
                var drawn = await CountWhenSettled(page, expected, TimeSpan.FromSeconds(60));
                report.Add($"{name}: {drawn}/{expected}");
            }
            await browser.CloseTabAsync(tab);
        }
        Assert.True(report.All(Drawn), "charts drawn in nbconvert HTML: " + string.Join(", ", report));
    }

    [ChartFact]
    public async Task The_classic_notebook_draws_every_chart_of_a_live_run()
    {
        // The notebooks run from a copy inside the checkout, so their relative data paths resolve and nothing is saved over them.
        var copy = Directory.CreateDirectory(Path.Combine(RepositoryFolder.Root, "artifacts", "chart-test-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        using var jupyter = new ResearchKit.Tests.TempDirectory();
        try
        {
            foreach (var file in ExecutedNotebooks.Names.Select(n => n + ".ipynb").Append("Charts.csx"))
                File.Copy(Path.Combine(RepositoryFolder.Root, "notebooks", file), Path.Combine(copy, file));
            await using var server = await ClassicNotebookServer.StartAsync(copy, jupyter.Path);
            await using var browser = await ChromiumBrowser.LaunchAsync(ChromiumBrowser.FindExecutable()!, Offline);
            var report = new List<string>();
            foreach (var name in ExecutedNotebooks.Names)
            {
                var expected = executed.Charts(name);
                var (page, tab) = await browser.OpenTabAsync(server.NotebookAddress(name + ".ipynb"));
                await using (page)
                {
                    await page.WaitForAsync("window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected()", $"{name}: the kernel", 120);
                    await page.EvaluateAsync("Jupyter.notebook.set_autosave_interval(0); Jupyter.notebook.clear_all_output(); Jupyter.notebook.execute_all_cells(); true");
                    await page.WaitForAsync("Jupyter.notebook.get_cells().filter(c => c.cell_type === 'code' && c.get_text().trim()).every(c => typeof c.input_prompt_number === 'number')"
                        + " || document.querySelector('.output_error') !== null", $"{name}: Run All", 600);
                    var errors = await page.EvaluateAsync("Array.from(document.querySelectorAll('.output_error')).map(e => e.textContent.slice(0, 400)).join('\\n')");
                    Assert.True(errors.GetString() is "" or null, $"{name} failed in the classic Notebook:\n{errors}");
                    var drawn = await CountWhenSettled(page, expected, TimeSpan.FromSeconds(60));
                    report.Add($"{name}: {drawn}/{expected}");
                    await page.EvaluateAsync("Jupyter.notebook.kernel.kill(); true");
                }
                await browser.CloseTabAsync(tab);
            }
            Assert.True(report.All(Drawn), "charts drawn in the classic Notebook: " + string.Join(", ", report));
        }
        finally
        {
            Directory.Delete(copy, recursive: true);
        }
    }

    private static bool Drawn(string line)
    {
        var counts = line[(line.LastIndexOf(' ') + 1)..].Split('/');
        return counts[0] == counts[1] && counts[1] != "0";
    }

    /// <summary>Drawn charts once the count reaches <paramref name="expected"/> or stops changing for a few seconds.</summary>
    private static async Task<int> CountWhenSettled(CdpConnection page, int expected, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        var (last, since) = (-1, TimeSpan.Zero);
        while (true)
        {
            var drawn = (await page.EvaluateAsync(DrawnCharts)).GetInt32();
            if (drawn == expected || clock.Elapsed > limit) return drawn;
            if (drawn != last) (last, since) = (drawn, clock.Elapsed);
            else if (clock.Elapsed - since > TimeSpan.FromSeconds(10)) return drawn;
            await Task.Delay(250);
        }
    }
}
