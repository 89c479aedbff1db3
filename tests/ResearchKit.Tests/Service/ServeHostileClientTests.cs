using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using ResearchKit.Tests.Search;
using Xunit.Abstractions;

namespace ResearchKit.Tests.Service;

/// <summary>
/// A real <c>researchkit serve</c> on 127.0.0.1 against slow, huge and malformed requests: none of them takes the
/// service from other clients, and none keeps the memory it cost.
/// </summary>
public sealed class ServeHostileClientTests(IndexedDatasetFixture data, ITestOutputHelper output) : IClassFixture<IndexedDatasetFixture>, IDisposable
{
    private readonly IndexedDatasetFixture _data = data;
    private readonly ServeConfigFile _config = new(data.Root);

    public void Dispose() => _config.Dispose();

    [Fact]
    public async Task Eighty_clients_sending_at_one_byte_a_second_do_not_starve_others_and_are_dropped()
    {
        await using var serve = await ServeProcess.StartAsync(_data.Root, _config.Path);
        using var stop = new CancellationTokenSource();
        var bodies = await Task.WhenAll(Enumerable.Range(0, 80).Select(_ => SlowClient.SlowBodyAsync(serve.Address, "/search", 200)));
        var headers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => SlowClient.SlowHeadersAsync(serve.Address, "/health")));
        var slow = bodies.Concat(headers).ToList();
        var dribbling = Task.WhenAll(slow.Select(c => c.DribbleAsync(stop.Token)));
        try
        {
            await Task.Delay(1500); // let the server take them all in (they would hold every slot and the whole queue)

            var statuses = await Task.WhenAll(Enumerable.Range(0, 16).Select(async i =>
                (await serve.Client.PostAsJsonAsync("/search", new { query = $"coffee {i}" })).StatusCode));
            Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));

            // The minimum body data rate and the header timeout close them, rather than letting them idle forever.
            Assert.True(await ServeProcess.EventuallyAsync(() => Task.FromResult(slow.All(c => c.Finished)), 90),
                $"{slow.Count(c => !c.Finished)} of {slow.Count} slow clients are still connected");
        }
        finally
        {
            stop.Cancel();
            await dribbling;
            slow.ForEach(c => c.Dispose());
        }
        Assert.False(serve.HasExited, serve.Output);
    }

    [Fact]
    public async Task Eight_9000_pixel_square_png_uploads_are_answered_and_the_memory_does_not_stay()
    {
        // Memory is the point here, not speed: a generous timeout so a busy machine answers rather than 504s.
        await using var serve = await ServeProcess.StartAsync(_data.Root, _config.Path, false, "--timeout", "300");
        Assert.Equal(HttpStatusCode.OK, (await Upload(serve, File.ReadAllBytes(FixturePaths.Image("photo_coffee.jpg")), "image/jpeg")).StatusCode);
        var png = SyntheticPng.Rgb(9000, 9000);
        var before = serve.RssMegabytes();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Upload(serve, png, "image/png")));

        foreach (var answer in answers) Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{(int)answer.StatusCode}: {await answer.Content.ReadAsStringAsync()}");
        var peak = serve.PeakRssMegabytes();
        // Bounds, not timings: decoded whole, eight of these cost 8 x 324 MB, which the process then kept.
        Assert.True(peak - before < 500, $"resident memory peaked at {peak:0} MB from {before:0} MB");
        var returned = await ServeProcess.EventuallyAsync(() => Task.FromResult(serve.RssMegabytes() - before < 100), 60);
        var after = serve.RssMegabytes();
        output.WriteLine($"server resident memory: {before:0} MB before, {peak:0} MB at most, {after:0} MB after the eight uploads");
        Assert.True(returned, $"resident memory stayed at {after:0} MB (from {before:0} MB) after the uploads were answered");
    }

    [Fact]
    public async Task An_upload_declaring_too_many_pixels_is_refused_from_its_header_with_413()
    {
        await using var serve = await ServeProcess.StartAsync(_data.Root, _config.Path);

        var answer = await Upload(serve, SyntheticPng.HeaderOnly(30_000, 30_000), "image/png");

        await ProblemAssert.IsProblemAsync(answer, HttpStatusCode.RequestEntityTooLarge, "30000x30000");
    }

    [Fact]
    public async Task Tags_refuses_unbounded_label_lists_and_huge_labels()
    {
        await using var serve = await ServeProcess.StartAsync(_data.Root, _config.Path);

        var many = await serve.Client.PostAsJsonAsync("/tags", new { id = "photo_coffee.jpg", labels = Enumerable.Range(0, 10_000).Select(i => $"label {i}") });
        await ProblemAssert.IsProblemAsync(many, HttpStatusCode.BadRequest, "labels");
        var huge = await serve.Client.PostAsJsonAsync("/tags", new { id = "photo_coffee.jpg", labels = new[] { new string('x', 5000) } });
        await ProblemAssert.IsProblemAsync(huge, HttpStatusCode.BadRequest, "characters");
        var fine = await serve.Client.PostAsJsonAsync("/tags", new { id = "photo_coffee.jpg", labels = new[] { "coffee", "astronaut" } });
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }

    private static Task<HttpResponseMessage> Upload(ServeProcess serve, byte[] bytes, string mediaType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return serve.Client.PostAsync("/similar", content);
    }
}
