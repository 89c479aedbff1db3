using System.Text.Json;
using ResearchKit.Service.Judging;
using ResearchKit.Tests.Search;
using ResearchKit.Tuning;
using Xunit.Abstractions;

namespace ResearchKit.Tests.Judging;

/// <summary>
/// The judging page in headless Chromium, driven by the DevTools protocol: a dozen triplets judged by keyboard,
/// one undone, the page reloaded, and the database checked. Needs Debian's chromium (scripts/install-browser.sh);
/// without it the tests report as skipped, which fails scripts/test.sh under CI=true.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class JudgeBrowserTests(IndexedDatasetFixture fixture, ITestOutputHelper output) : IClassFixture<IndexedDatasetFixture>, IDisposable
{
    /// <summary>When set, the browser test appends the page's key-to-next-task times (ms, JSON lines) to this file.</summary>
    public const string LatencyFileVariable = "RESEARCHKIT_JUDGE_LATENCY_OUT";

    private readonly JudgeDatasetCopy _data = new(fixture);

    public void Dispose() => _data.Dispose();

    private static readonly (string Key, TripletAnswer Answer)[] Keys =
    [
        ("a", TripletAnswer.A), ("ArrowRight", TripletAnswer.B), ("b", TripletAnswer.B), ("ArrowLeft", TripletAnswer.A),
        ("s", TripletAnswer.TooSimilar), ("d", TripletAnswer.AnchorTooDifferent), (" ", TripletAnswer.DontKnow), ("a", TripletAnswer.A),
        ("b", TripletAnswer.B), ("ArrowLeft", TripletAnswer.A), ("ArrowRight", TripletAnswer.B), ("a", TripletAnswer.A),
    ];

    [BrowserFact]
    public async Task A_dozen_triplets_judged_by_keyboard_one_undone_survive_a_reload()
    {
        var chromium = ChromiumBrowser.FindExecutable()!;

        await using var host = await JudgeHost.StartAsync(new JudgeOptions { Dataset = _data.Root, Space = "siglip", Judge = "keyboard" });
        await using var browser = await ChromiumBrowser.LaunchAsync(chromium);
        await using var page = await browser.OpenPageAsync();
        await page.SendAsync("Page.enable");
        await page.SendAsync("Page.navigate", new { url = host.App.PageAddress.ToString() });
        await page.WaitForAsync("window.judge && judge.ready && judge.current", "the first triplet");

        for (var i = 0; i < Keys.Length; i++)
        {
            await page.PressAsync(Keys[i].Key);
            await page.WaitForAsync($"judge.answered === {i + 1} && judge.current && judge.ready", $"triplet {i + 2} after key '{Keys[i].Key}'");
        }
        await page.WaitForAsync("judge.pending === 0", "every answer to be saved");
        Assert.Equal(12, Stored().Count);

        await page.PressAsync("u");
        await page.WaitForAsync("judge.answered === 11 && judge.pending === 0", "the undo to be saved");
        Assert.Equal(11, Stored().Count);

        var latencies = (await page.EvaluateAsync("JSON.stringify(judge.latencies)")).GetString()!;
        var undone = (await page.EvaluateAsync("judge.current.key")).GetString();
        await page.SendAsync("Page.reload", new { ignoreCache = false });
        await page.WaitForAsync("window.judge && judge.ready && document.getElementById('count').textContent === '11'", "the reloaded page to show 11 judged");
        // The undone triplet was on screen; the reload gave it back to the server, which offers it first.
        Assert.Equal(undone, (await page.EvaluateAsync("judge.current.key")).GetString());

        var stored = Stored();
        Assert.Equal(11, stored.Count);
        Assert.Equal(Keys[..11].Select(k => k.Answer), stored.Select(t => t.Answer));
        Assert.All(stored, t => Assert.Equal("keyboard", t.Judge));
        Assert.Equal(11, stored.Select(t => TripletTask.KeyOf(t.Anchor, t.A, t.B)).Distinct().Count());

        output.WriteLine($"key to next task shown (ms): {latencies}");
        if (Environment.GetEnvironmentVariable(LatencyFileVariable) is { Length: > 0 } file)
            File.AppendAllText(file, JsonSerializer.Serialize(new { kind = "browser", latencies_ms = JsonSerializer.Deserialize<double[]>(latencies) }) + "\n");
    }

    [BrowserFact]
    public async Task Two_tabs_get_different_triplets_and_a_closed_tab_loses_no_answer()
    {
        var chromium = ChromiumBrowser.FindExecutable()!;
        await using var host = await JudgeHost.StartAsync(new JudgeOptions { Dataset = _data.Root, Space = "siglip", Judge = "two-tabs" });
        await using var browser = await ChromiumBrowser.LaunchAsync(chromium);
        var (first, _) = await browser.OpenTabAsync(host.App.PageAddress);
        var (second, secondId) = await browser.OpenTabAsync(host.App.PageAddress);
        await using (first)
        {
            var shown = new List<string>();
            // A background tab gets no animation frames, so each tab is brought to the front before it is used.
            foreach (var page in new[] { first, second })
            {
                await page.SendAsync("Page.bringToFront");
                await page.WaitForAsync("window.judge && judge.ready && judge.current", "the first triplet");
            }
            for (var i = 0; i < 3; i++)
                foreach (var page in new[] { first, second })
                {
                    await page.SendAsync("Page.bringToFront");
                    await page.WaitForAsync("judge.ready", "the tab to show its triplet");
                    shown.Add((await page.EvaluateAsync("judge.current.key")).GetString()!);
                    await page.PressAsync(i % 2 == 0 ? "a" : "b");
                    await page.WaitForAsync($"judge.answered === {i + 1} && judge.ready", "the next triplet");
                }
            Assert.Equal(shown.Count, shown.Distinct().Count());

            await second.SendAsync("Page.bringToFront");
            await second.PressAsync("s");
            await second.DisposeAsync();
            await browser.CloseTabAsync(secondId);
            await first.WaitForAsync("judge.pending === 0", "the first tab's saves");
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (Stored().Count < 7 && clock.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(50);
            var stored = Stored();
            Assert.Equal(7, stored.Count);
            Assert.Equal(7, stored.Select(t => TripletTask.KeyOf(t.Anchor, t.A, t.B)).Distinct().Count());
            Assert.Equal(TripletAnswer.TooSimilar, stored[^1].Answer);
        }
    }

    [BrowserFact]
    public async Task Relevance_labels_by_keyboard_with_a_text_query_shown_as_text()
    {
        var chromium = ChromiumBrowser.FindExecutable()!;
        var queries = Path.Combine(_data.Root, "queries.txt");
        File.WriteAllLines(queries, ["a cup of coffee", "id:photo_astronaut.jpg"]);
        await using var host = await JudgeHost.StartAsync(new JudgeOptions
        {
            Dataset = _data.Root, Space = "siglip", Judge = "keyboard", Mode = JudgeMode.Relevance, QueriesFile = queries, ResultsPerQuery = 2,
        });
        await using var browser = await ChromiumBrowser.LaunchAsync(chromium);
        await using var page = await browser.OpenPageAsync();
        await page.SendAsync("Page.navigate", new { url = host.App.PageAddress.ToString() });
        await page.WaitForAsync("window.judge && judge.ready && judge.current", "the first pair");
        Assert.Equal("a cup of coffee", (await page.EvaluateAsync("document.getElementById('query-text').textContent")).GetString());

        var keys = new[] { "y", "n", " ", "y" };
        for (var i = 0; i < keys.Length; i++)
        {
            await page.PressAsync(keys[i]);
            await page.WaitForAsync($"judge.answered === {i + 1} && (judge.ready || judge.exhausted)", $"the pair after key '{keys[i]}'");
        }
        await page.WaitForAsync("judge.pending === 0", "every label to be saved");
        await page.PressAsync("u");
        await page.WaitForAsync("judge.answered === 3 && judge.pending === 0", "the undo to be saved");

        using var store = JudgmentStore.Open(_data.Database);
        var labels = store.Relevance();
        Assert.Equal([1.0, 0.0], labels.Select(l => l.Relevance));
        Assert.All(labels, l => Assert.Equal("a cup of coffee", l.Query));
    }

    private IReadOnlyList<TripletJudgment> Stored()
    {
        using var store = JudgmentStore.Open(_data.Database);
        return store.Triplets();
    }
}
