using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using ResearchKit.Service.Judging;
using ResearchKit.Tests.Search;
using ResearchKit.Tuning;

namespace ResearchKit.Tests.Judging;

/// <summary>The judging server's API on 127.0.0.1: the guard, answers, undo, export, images and restarts.</summary>
public sealed class JudgeApiTests(IndexedDatasetFixture fixture) : IClassFixture<IndexedDatasetFixture>, IDisposable
{
    private readonly JudgeDatasetCopy _data = new(fixture);

    public void Dispose() => _data.Dispose();

    private JudgeOptions Options => new() { Dataset = _data.Root, Space = "siglip", Judge = "tester" };

    private static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static async Task<string> ErrorOf(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!;

    private static async Task<JsonElement[]> Next(HttpClient client, int count) =>
        [.. (await Json(await client.GetAsync($"api/next?count={count}"))).GetProperty("tasks").EnumerateArray()];

    private static Task<HttpResponseMessage> AnswerTriplet(HttpClient client, JsonElement task, string answer) =>
        client.PostAsJsonAsync("api/triplets", new
        {
            anchor = task.GetProperty("anchor").GetString(), a = task.GetProperty("a").GetString(), b = task.GetProperty("b").GetString(), answer,
        });

    private int StoredTriplets()
    {
        using var store = JudgmentStore.Open(_data.Database);
        return store.Triplets().Count;
    }

    [Fact]
    public async Task The_page_needs_the_token_and_carries_it_with_a_strict_content_policy()
    {
        await using var host = await JudgeHost.StartAsync(Options);

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Bare.GetAsync("/")).StatusCode);
        var page = await host.Bare.GetAsync(host.App.PageAddress);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(host.App.Token, html);
        Assert.DoesNotContain("http://", html.Replace("http://www.w3.org", "", StringComparison.Ordinal));
        Assert.Contains("default-src 'none'", page.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("DENY", page.Headers.GetValues("X-Frame-Options").Single());
    }

    [Fact]
    public async Task Requests_without_the_token_from_another_origin_or_for_another_host_are_refused()
    {
        await using var host = await JudgeHost.StartAsync(Options);
        var task = (await Next(host.Client, 1))[0];
        JsonContent Body() => JsonContent.Create(new { anchor = task.GetProperty("anchor").GetString(), a = task.GetProperty("a").GetString(), b = task.GetProperty("b").GetString(), answer = "A" });

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Bare.GetAsync("api/next")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Bare.PostAsync("api/triplets", Body())).StatusCode);
        using var wrong = new HttpRequestMessage(HttpMethod.Post, "api/triplets") { Content = Body() };
        wrong.Headers.Add(JudgeRequestGuard.TokenHeader, "not-the-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Bare.SendAsync(wrong)).StatusCode);

        foreach (var (header, value) in new[] { ("Origin", "http://evil.example"), ("Origin", "null"), ("Sec-Fetch-Site", "cross-site"), ("Sec-Fetch-Site", "same-site"), ("Host", "evil.example") })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "api/triplets") { Content = Body() };
            request.Headers.TryAddWithoutValidation(header, value);
            var response = await host.Client.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{header}: {value} gave {(int)response.StatusCode}");
        }
        var form = await host.Client.PostAsync("api/triplets", new StringContent("anchor=x", Encoding.UTF8, "application/x-www-form-urlencoded"));
        Assert.False(form.IsSuccessStatusCode);
        Assert.Equal(0, StoredTriplets());

        using var own = new HttpRequestMessage(HttpMethod.Post, "api/triplets") { Content = Body() };
        own.Headers.Add("Origin", host.App.BaseAddress.GetLeftPart(UriPartial.Authority));
        own.Headers.Add("Sec-Fetch-Site", "same-origin");
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(own)).StatusCode);
        Assert.Equal(1, StoredTriplets());
    }

    [Fact]
    public async Task Each_answer_is_committed_at_once_and_undo_deletes_exactly_that_one()
    {
        await using var host = await JudgeHost.StartAsync(Options);
        var tasks = await Next(host.Client, 5);
        var answers = new[] { "A", "B", "TooSimilar", "AnchorTooDifferent", "DontKnow" };
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
        {
            var reply = await Json(await AnswerTriplet(host.Client, tasks[i], answers[i]));
            ids.Add(reply.GetProperty("id").GetInt64());
            Assert.Equal(i + 1, StoredTriplets());
            Assert.Equal(i + 1, reply.GetProperty("stats").GetProperty("judged").GetInt32());
        }

        var undone = await Json(await host.Client.PostAsJsonAsync("api/undo", new { id = ids[2] }));
        Assert.Equal(4, undone.GetProperty("judged").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.PostAsJsonAsync("api/undo", new { id = ids[2] })).StatusCode);
        using var store = JudgmentStore.Open(_data.Database);
        Assert.Equal(["A", "B", "AnchorTooDifferent", "DontKnow"], store.Triplets().Select(t => t.Answer.ToString()));
        Assert.All(store.Triplets(), t => Assert.Equal("tester", t.Judge));
    }

    [Fact]
    public async Task Bad_answers_are_refused_with_the_field_named()
    {
        await using var host = await JudgeHost.StartAsync(Options);
        var task = (await Next(host.Client, 1))[0];

        var badAnswer = await AnswerTriplet(host.Client, task, "Maybe");
        Assert.Equal(HttpStatusCode.BadRequest, badAnswer.StatusCode);
        Assert.Contains("'answer'", await ErrorOf(badAnswer));
        var badItem = await host.Client.PostAsJsonAsync("api/triplets", new { anchor = "nope.jpg", a = "x", b = "y", answer = "A" });
        Assert.Equal(HttpStatusCode.BadRequest, badItem.StatusCode);
        Assert.Contains("'anchor'", await ErrorOf(badItem));
        var wrongMode = await host.Client.PostAsJsonAsync("api/relevance", new { query = "id:x", item = "y", relevance = 1 });
        Assert.Equal(HttpStatusCode.BadRequest, wrongMode.StatusCode);
        Assert.Contains("--mode relevance", await ErrorOf(wrongMode));
        Assert.Equal(0, StoredTriplets());
    }

    [Fact]
    public async Task Two_tabs_never_get_the_same_triplet()
    {
        await using var host = await JudgeHost.StartAsync(Options);
        var first = await Next(host.Client, 16);
        var second = await Next(host.Client, 16);
        var keys = first.Concat(second).Select(t => t.GetProperty("key").GetString()).ToList();
        Assert.Equal(32, keys.Count);
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public async Task Tasks_a_closing_tab_releases_are_offered_again()
    {
        await using var host = await JudgeHost.StartAsync(Options);
        var keys = (await Next(host.Client, 3)).Select(t => t.GetProperty("key").GetString()!).ToList();
        var reply = await Json(await host.Client.PostAsJsonAsync("api/release", new { keys = new[] { keys[1], keys[2], "nope" } }));
        Assert.Equal(2, reply.GetProperty("released").GetInt32());
        Assert.Equal(keys[1..], (await Next(host.Client, 2)).Select(t => t.GetProperty("key").GetString()!));
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Bare.PostAsJsonAsync("api/release", new { keys })).StatusCode);
    }

    [Fact]
    public async Task Judgments_survive_a_restart_and_are_not_offered_again()
    {
        var answered = new HashSet<string>();
        await using (var host = await JudgeHost.StartAsync(Options))
            foreach (var task in await Next(host.Client, 3))
            {
                (await AnswerTriplet(host.Client, task, "A")).EnsureSuccessStatusCode();
                answered.Add(task.GetProperty("key").GetString()!);
            }

        await using var again = await JudgeHost.StartAsync(Options);
        Assert.Equal(3, (await Json(await again.Client.GetAsync("api/stats"))).GetProperty("judged").GetInt32());
        var offered = (await Next(again.Client, 16)).Select(t => t.GetProperty("key").GetString()!);
        Assert.Empty(offered.Intersect(answered));
    }

    [Fact]
    public async Task Export_gives_csv_and_json_lines_with_the_token_in_the_link()
    {
        await using var host = await JudgeHost.StartAsync(Options);
        var task = (await Next(host.Client, 1))[0];
        (await AnswerTriplet(host.Client, task, "B")).EnsureSuccessStatusCode();

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Bare.GetAsync("api/export?format=csv")).StatusCode);
        var csv = await host.Bare.GetStringAsync($"api/export?format=csv&t={host.App.Token}");
        Assert.Equal($"anchor,a,b,answer,judge\n{task.GetProperty("anchor").GetString()},{task.GetProperty("a").GetString()},{task.GetProperty("b").GetString()},B,tester\n", csv);
        var jsonl = await host.Bare.GetStringAsync($"api/export?format=jsonl&t={host.App.Token}");
        Assert.Equal("B", JsonDocument.Parse(jsonl.Trim()).RootElement.GetProperty("answer").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client.GetAsync("api/export?format=xlsx")).StatusCode);
    }

    [Fact]
    public async Task Only_dataset_images_are_served()
    {
        await using var host = await JudgeHost.StartAsync(Options);
        var token = host.App.Token;

        var image = await host.Bare.GetAsync($"image?id=photo_coffee.jpg&t={token}");
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/jpeg", image.Content.Headers.ContentType!.MediaType);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_data.Root, "photo_coffee.jpg")), await image.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Bare.GetAsync("image?id=photo_coffee.jpg")).StatusCode);
        foreach (var id in new[] { "../photo_coffee.jpg", "metadata.csv", ".researchkit/judgments.sqlite", "/etc/passwd", "" })
            Assert.Equal(HttpStatusCode.NotFound, (await host.Bare.GetAsync($"image?id={Uri.EscapeDataString(id)}&t={token}")).StatusCode);
    }

    [Fact]
    public async Task Agreement_is_that_of_the_learned_weights_with_the_answers()
    {
        await using var host = await JudgeHost.StartAsync(Options);
        var space = host.App.Session.Space;
        var tasks = await Next(host.Client, 4);
        foreach (var task in tasks) (await AnswerTriplet(host.Client, task, "A")).EnsureSuccessStatusCode();

        var stats = await Json(await host.Client.GetAsync("api/stats"));
        float[] V(JsonElement t, string field) => space.Vector(space.RowOf(t.GetProperty(field).GetString()!)).ToArray();
        var expected = WeightedDistance.TripletAccuracy([.. tasks.Select(t => new TripletExample(V(t, "anchor"), V(t, "a"), V(t, "b"), TripletAnswer.A))]);
        Assert.Equal(4, stats.GetProperty("counted").GetInt32());
        Assert.Equal(expected, stats.GetProperty("agreement").GetDouble(), 12);
        Assert.Contains("unweighted", stats.GetProperty("agreement_of").GetString());
    }

    [Fact]
    public async Task Weights_learned_while_the_page_is_open_count_and_a_broken_file_does_not_stop_answering()
    {
        await using var host = await JudgeHost.StartAsync(Options);
        var space = host.App.Session.Space;
        var tasks = await Next(host.Client, 4);
        foreach (var task in tasks) (await AnswerTriplet(host.Client, task, "A")).EnsureSuccessStatusCode();
        Assert.Contains("unweighted", (await Json(await host.Client.GetAsync("api/stats"))).GetProperty("agreement_of").GetString());

        var store = Path.Combine(_data.Root, ".researchkit");
        var weights = new float[space.Dimension];
        weights[0] = 1;
        var file = Path.Combine(store, "triplet-weights-siglip.f32");
        File.WriteAllBytes(file, System.Runtime.InteropServices.MemoryMarshal.AsBytes(weights.AsSpan()).ToArray());
        new TuningState { Space = "siglip", TripletWeightsFile = "triplet-weights-siglip.f32" }.Write(store);
        File.SetLastWriteTimeUtc(TuningState.PathIn(store), DateTime.UtcNow.AddMinutes(1));
        var learned = await Json(await host.Client.GetAsync("api/stats"));
        float[] V(JsonElement t, string field) => space.Vector(space.RowOf(t.GetProperty(field).GetString()!)).ToArray();
        var expected = WeightedDistance.TripletAccuracy([.. tasks.Select(t => new TripletExample(V(t, "anchor"), V(t, "a"), V(t, "b"), TripletAnswer.A))], weights);
        Assert.Equal("learned triplet weights", learned.GetProperty("agreement_of").GetString());
        Assert.Equal(expected, learned.GetProperty("agreement").GetDouble(), 12);

        File.WriteAllBytes(file, new byte[8]);
        File.SetLastWriteTimeUtc(TuningState.PathIn(store), DateTime.UtcNow.AddMinutes(2));
        var reply = await Json(await AnswerTriplet(host.Client, (await Next(host.Client, 1))[0], "B"));
        Assert.Equal(5, reply.GetProperty("stats").GetProperty("judged").GetInt32());
        Assert.Contains("tuning.json unusable", reply.GetProperty("stats").GetProperty("agreement_of").GetString());
        Assert.Contains(file, reply.GetProperty("stats").GetProperty("agreement_of").GetString());
    }

    [Fact]
    public async Task Relevance_mode_offers_query_result_pairs_and_stores_labels()
    {
        var queries = Path.Combine(_data.Root, "queries.txt");
        File.WriteAllLines(queries, ["# judged first", "a cup of coffee", "id:photo_astronaut.jpg"]);
        await using var host = await JudgeHost.StartAsync(Options with { Mode = JudgeMode.Relevance, QueriesFile = queries, ResultsPerQuery = 3 });

        var tasks = await Next(host.Client, 6);
        Assert.Equal(["a cup of coffee", "a cup of coffee", "a cup of coffee", "id:photo_astronaut.jpg", "id:photo_astronaut.jpg", "id:photo_astronaut.jpg"],
            tasks.Select(t => t.GetProperty("query").GetString()));
        Assert.DoesNotContain(tasks.Skip(3), t => t.GetProperty("item").GetString() == "photo_astronaut.jpg");
        var reply = await Json(await host.Client.PostAsJsonAsync("api/relevance", new { query = "a cup of coffee", item = tasks[0].GetProperty("item").GetString(), relevance = 1 }));
        Assert.Equal(1, reply.GetProperty("stats").GetProperty("judged").GetInt32());
        var bad = await host.Client.PostAsJsonAsync("api/relevance", new { query = "a cup of coffee", item = tasks[1].GetProperty("item").GetString(), relevance = 2 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("'relevance'", await ErrorOf(bad));

        using var store = JudgmentStore.Open(_data.Database);
        Assert.Equal(new RelevanceJudgment("a cup of coffee", tasks[0].GetProperty("item").GetString()!, 1, "tester", 1), store.Relevance().Single());
    }

    [Fact]
    public void A_queries_file_naming_an_unknown_item_fails_with_the_line()
    {
        var queries = Path.Combine(_data.Root, "queries.txt");
        File.WriteAllLines(queries, ["a cup of coffee", "id:missing.jpg"]);
        var error = Assert.Throws<JudgeException>(() => new JudgeSession(Options with { Mode = JudgeMode.Relevance, QueriesFile = queries }).Dispose());
        Assert.Contains("line 2", error.Message);
        Assert.Contains("missing.jpg", error.Message);
    }
}
