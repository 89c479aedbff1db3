using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using ResearchKit.Deployment;
using ResearchKit.Search;
using ResearchKit.Service;
using ResearchKit.Tests.Search;

namespace ResearchKit.Tests.Service;

/// <summary>Every endpoint of the search service on 127.0.0.1, against the library's own answers.</summary>
public sealed class SearchServiceTests(IndexedDatasetFixture data) : IClassFixture<IndexedDatasetFixture>, IDisposable
{
    private readonly IndexedDatasetFixture _data = data;
    private readonly ServeConfigFile _configFile = new(data.Root, new SearchOptions { Target = "siglip", TopK = 5, Calibration = new ScoreCalibration(30, -8) });

    public void Dispose() => _configFile.Dispose();

    private string ConfigPath => _configFile.Path;

    private void WriteConfig(SearchOptions options) => _configFile.Write(options);

    private ServiceOptions Options => new() { Dataset = _data.Root, ConfigPath = ConfigPath };

    [Fact]
    public async Task Search_returns_the_same_ranking_as_the_library_with_the_loaded_config()
    {
        await using var host = await ServiceHost.StartAsync(Options);

        var response = await host.Client.PostAsJsonAsync("/search", new { query = "a cup of coffee", top_k = 4 });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        using var engine = SearchEngine.Open(_data.Dataset);
        var library = engine.SearchText("a cup of coffee", SearchConfigMapping.ToOptions(SearchConfig.Load(ConfigPath)) with { TopK = 4 });
        var results = body.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(library.Results.Select(r => r.Id), results.Select(r => r.GetProperty("id").GetString()));
        Assert.Equal(library.Results.Select(r => r.Score), results.Select(r => r.GetProperty("score").GetDouble()));
        Assert.Equal(library.Results.Select(r => r.Calibrated), results.Select(r => (double?)r.GetProperty("calibrated").GetDouble()));
        Assert.True(results[0].TryGetProperty("global", out _));
        Assert.Equal(1, body.RootElement.GetProperty("config_generation").GetInt32());
    }

    [Fact]
    public async Task Similar_works_by_id_and_by_upload_and_refuses_bad_uploads_clearly()
    {
        await using var host = await ServiceHost.StartAsync(Options with { MaxUploadBytes = 200_000 });

        var byId = await host.Client.PostAsJsonAsync("/similar", new { id = "photo_coffee.jpg", top_k = 3 });
        Assert.Equal(HttpStatusCode.OK, byId.StatusCode);
        Assert.DoesNotContain("\"photo_coffee.jpg\"", await byId.Content.ReadAsStringAsync());

        using var form = new MultipartFormDataContent { { new ByteArrayContent(File.ReadAllBytes(FixturePaths.Image("photo_coffee.jpg"))), "image", "coffee.jpg" } };
        var upload = await host.Client.PostAsync("/similar", form);
        Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        using (var doc = JsonDocument.Parse(await upload.Content.ReadAsStringAsync()))
            Assert.Equal("photo_coffee.jpg", doc.RootElement.GetProperty("results")[0].GetProperty("id").GetString());

        var garbage = new ByteArrayContent([1, 2, 3, 4, 5]);
        garbage.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var bad = await host.Client.PostAsync("/similar", garbage);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("ImageDecodeException", await bad.Content.ReadAsStringAsync());

        var huge = new ByteArrayContent(new byte[300_000]);
        huge.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        // A client uploading a large body should ask "Expect: 100-continue": the service then refuses before any
        // byte is sent. Without it the server may answer 413 and close while the client is still writing.
        using var hugeRequest = new HttpRequestMessage(HttpMethod.Post, "/similar") { Content = huge };
        hugeRequest.Headers.ExpectContinue = true;
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await host.Client.SendAsync(hugeRequest)).StatusCode);

        var unknown = await host.Client.PostAsJsonAsync("/similar", new { id = "../../etc/passwd" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Tags_likes_and_recommendations_work_and_recommendations_exclude_what_was_seen()
    {
        await using var host = await ServiceHost.StartAsync(Options);

        var tags = await host.Client.PostAsJsonAsync("/tags", new { id = "photo_coffee.jpg", labels = new[] { "coffee", "astronaut" } });
        using (var doc = JsonDocument.Parse(await tags.Content.ReadAsStringAsync()))
        {
            var list = doc.RootElement.GetProperty("tags").EnumerateArray().ToList();
            Assert.Equal(2, list.Count);
            Assert.All(list, t => Assert.InRange(t.GetProperty("probability").GetDouble(), 0, 1));
        }

        Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsJsonAsync("/likes", new { user = "ann", id = "emoji_1f34e.png" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsJsonAsync("/likes", new { user = "ann", id = "emoji_1f305.png", liked = false })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Client.PostAsJsonAsync("/likes", new { user = "ann", id = "nope.png" })).StatusCode);

        var recommended = await host.Client.GetStringAsync("/recommendations?user=ann&top_k=20");
        Assert.DoesNotContain("\"emoji_1f34e.png\"", recommended);
        Assert.DoesNotContain("\"emoji_1f305.png\"", recommended);
        using (var doc = JsonDocument.Parse(recommended))
            Assert.Equal(9, doc.RootElement.GetProperty("results").GetArrayLength());
        Assert.Equal(HttpStatusCode.BadRequest, (await host.Client.GetAsync("/recommendations?user=nobody")).StatusCode);
    }

    [Fact]
    public async Task Health_metrics_and_the_openapi_document_are_served()
    {
        await using var host = await ServiceHost.StartAsync(Options);
        await host.Client.PostAsJsonAsync("/search", new { query = "coffee" });
        await host.Client.PostAsJsonAsync("/search", new { query = "coffee" });

        Assert.Contains("\"ok\"", await host.Client.GetStringAsync("/health"));
        var metrics = await host.Client.GetStringAsync("/metrics");
        Assert.Contains("researchkit_requests_total{endpoint=\"search\",status=\"200\"} 2", metrics);
        Assert.Contains("researchkit_request_duration_seconds_bucket{endpoint=\"search\",le=\"+Inf\"} 2", metrics);
        Assert.Matches(@"researchkit_query_cache_hits_total [1-9]", metrics);
        var openApi = await host.Client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("/search", openApi);
        Assert.Contains("/recommendations", openApi);
    }

    [Fact]
    public async Task The_api_key_guards_every_endpoint_but_health()
    {
        await using var host = await ServiceHost.StartAsync(Options with { ApiKey = "s3cret" });

        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.PostAsJsonAsync("/search", new { query = "coffee" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.GetAsync("/health")).StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/search") { Content = JsonContent.Create(new { query = "coffee" }) };
        request.Headers.Add("X-Api-Key", "s3cret");
        Assert.Equal(HttpStatusCode.OK, (await host.Client.SendAsync(request)).StatusCode);
        using var bearer = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.SendAsync(bearer)).StatusCode);
    }

    [Fact]
    public async Task A_config_naming_other_model_files_fails_at_start_up()
    {
        var config = SearchConfig.Load(ConfigPath);
        var altered = config with { Spaces = [config.Spaces[0] with { Files = config.Spaces[0].Files.ToDictionary(p => p.Key, _ => new string('a', 64)) }] };
        altered.Save(ConfigPath);

        var error = await Assert.ThrowsAsync<SearchConfigException>(() => ServiceHost.StartAsync(Options));
        Assert.Contains("another model", error.Message);
    }

    [Fact]
    public async Task Editing_the_config_hot_reloads_it_and_a_broken_edit_keeps_the_old_one()
    {
        await using var host = await ServiceHost.StartAsync(Options);
        Assert.Equal(5, await Count(host));

        WriteConfig(new SearchOptions { Target = "siglip", TopK = 2 });
        await WaitFor(async () => await Count(host) == 2);

        File.WriteAllText(ConfigPath, "{ not json");
        await Task.Delay(800);
        Assert.Equal(2, await Count(host));
        Assert.Contains("researchkit_config_reload_failures_total 1", await host.Client.GetStringAsync("/metrics"));
    }

    [Fact]
    public async Task A_full_queue_answers_429_and_the_service_keeps_serving()
    {
        await using var host = await ServiceHost.StartAsync(Options with { MaxConcurrentRequests = 1, QueueLimit = 0 });
        var image = File.ReadAllBytes(FixturePaths.Image("photo_astronaut.jpg"));

        var statuses = await Task.WhenAll(Enumerable.Range(0, 24).Select(async _ =>
        {
            var content = new ByteArrayContent(image);
            content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            return (await host.Client.PostAsync("/similar", content)).StatusCode;
        }));

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Contains(HttpStatusCode.OK, statuses);
        Assert.Equal(HttpStatusCode.OK, (await host.Client.PostAsJsonAsync("/search", new { query = "coffee" })).StatusCode);
        Assert.Matches(@"researchkit_rejected_total [1-9]", await host.Client.GetStringAsync("/metrics"));
    }

    private static async Task<int> Count(ServiceHost host)
    {
        using var doc = JsonDocument.Parse(await (await host.Client.PostAsJsonAsync("/search", new { query = "coffee" })).Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("results").GetArrayLength();
    }

    private static async Task WaitFor(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (await condition()) return;
            await Task.Delay(100);
        }
        Assert.Fail("the service did not reload the edited config within 10 s");
    }
}
