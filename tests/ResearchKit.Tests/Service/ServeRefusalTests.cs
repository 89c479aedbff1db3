using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using ResearchKit.Tests.Search;

namespace ResearchKit.Tests.Service;

/// <summary>
/// How a real <c>researchkit serve</c> says no: an RFC 7807 problem on every 4xx it answers, a Host allow-list
/// (no DNS rebinding of a loopback service), and a warning when it listens beyond loopback without an API key.
/// </summary>
public sealed class ServeRefusalTests(IndexedDatasetFixture data) : IClassFixture<IndexedDatasetFixture>, IDisposable
{
    private const string Key = "s3cret";
    private readonly IndexedDatasetFixture _data = data;
    private readonly ServeConfigFile _config = new(data.Root);

    public void Dispose() => _config.Dispose();

    [Fact]
    public async Task Every_4xx_answer_is_a_problem_details_body()
    {
        await using var serve = await ServeProcess.StartAsync(_data.Root, _config.Path, false, "--api-key", Key, "--max-upload-mb", "0.1");
        var client = serve.Client;

        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/search", new { query = "coffee" }), HttpStatusCode.Unauthorized, "API key");
        client.DefaultRequestHeaders.Add("X-Api-Key", Key);

        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/search", new { query = "" }), HttpStatusCode.BadRequest, "query");
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/search", new { query = "coffee", top_k = 0 }), HttpStatusCode.BadRequest, "top_k");
        await ProblemAssert.IsProblemAsync(await client.PostAsync("/search", new StringContent("{ not json", Encoding.UTF8, "application/json")), HttpStatusCode.BadRequest);
        await ProblemAssert.IsProblemAsync(await client.PostAsync("/search", new StringContent("coffee", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType);
        await ProblemAssert.IsProblemAsync(await client.PostAsync("/similar", new StringContent("coffee", Encoding.UTF8, "text/plain")), HttpStatusCode.UnsupportedMediaType);
        await ProblemAssert.IsProblemAsync(await client.PostAsJsonAsync("/similar", new { id = "nope.png" }), HttpStatusCode.NotFound, "nope.png");
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/no-such-endpoint"), HttpStatusCode.NotFound);
        await ProblemAssert.IsProblemAsync(await client.GetAsync("/search"), HttpStatusCode.MethodNotAllowed);
        var garbage = new ByteArrayContent([1, 2, 3, 4, 5]);
        garbage.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        await ProblemAssert.IsProblemAsync(await client.PostAsync("/similar", garbage), HttpStatusCode.BadRequest, "upload");

        var huge = new ByteArrayContent(new byte[300_000]);
        huge.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        using var hugeRequest = new HttpRequestMessage(HttpMethod.Post, "/similar") { Content = huge };
        hugeRequest.Headers.ExpectContinue = true;
        await ProblemAssert.IsProblemAsync(await client.SendAsync(hugeRequest), HttpStatusCode.RequestEntityTooLarge, "MB");
    }

    [Fact]
    public async Task A_full_queue_answers_429_as_a_problem()
    {
        await using var serve = await ServeProcess.StartAsync(_data.Root, _config.Path, false, "--max-concurrent", "1", "--queue", "0");
        var image = File.ReadAllBytes(FixturePaths.Image("photo_astronaut.jpg"));

        var answers = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ =>
        {
            var content = new ByteArrayContent(image);
            content.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
            return serve.Client.PostAsync("/similar", content);
        }));

        var refused = answers.FirstOrDefault(a => a.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.NotNull(refused);
        await ProblemAssert.IsProblemAsync(refused, HttpStatusCode.TooManyRequests);
        Assert.Contains(answers, a => a.StatusCode == HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_request_for_another_host_name_is_refused_so_dns_rebinding_cannot_reach_the_service()
    {
        await using var serve = await ServeProcess.StartAsync(_data.Root, _config.Path);

        using var rebound = new HttpRequestMessage(HttpMethod.Post, "/search") { Content = JsonContent.Create(new { query = "coffee" }) };
        rebound.Headers.Host = $"attacker.example:{serve.Address.Port}";
        await ProblemAssert.IsProblemAsync(await serve.Client.SendAsync(rebound), HttpStatusCode.BadRequest, "attacker.example");

        using var local = new HttpRequestMessage(HttpMethod.Post, "/search") { Content = JsonContent.Create(new { query = "coffee" }) };
        local.Headers.Host = $"localhost:{serve.Address.Port}";
        Assert.Equal(HttpStatusCode.OK, (await serve.Client.SendAsync(local)).StatusCode);
    }

    [Fact]
    public async Task Listening_beyond_loopback_without_an_api_key_warns_at_start_up()
    {
        await using (var open = await ServeProcess.StartAsync(_data.Root, _config.Path, false, "--urls", "http://0.0.0.0:0"))
        {
            Assert.True(await ServeProcess.EventuallyAsync(() => Task.FromResult(open.Output.Contains("without an API key", StringComparison.Ordinal)), 10), open.Output);
            Assert.Equal(HttpStatusCode.OK, (await open.Client.GetAsync("/health")).StatusCode);
        }

        await using var keyed = await ServeProcess.StartAsync(_data.Root, _config.Path, false, "--urls", "http://0.0.0.0:0", "--api-key", Key);
        await using var loopback = await ServeProcess.StartAsync(_data.Root, _config.Path);
        Assert.DoesNotContain("without an API key", keyed.Output);
        Assert.DoesNotContain("without an API key", loopback.Output);
    }
}
