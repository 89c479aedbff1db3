using System.Net;
using ResearchKit.Tests.Search;
using ResearchKit.Tests.Service;

namespace ResearchKit.Tests.Judging;

/// <summary>
/// A real <c>researchkit judge</c> serves an item's image only when its resolved path, symlinks followed, is inside
/// the dataset folder: <c>passwd.png -> /etc/passwd</c> and items under a linked folder outside are refused.
/// </summary>
public sealed class JudgeSymlinkEscapeTests(IndexedDatasetFixture fixture) : IClassFixture<IndexedDatasetFixture>, IDisposable
{
    private readonly JudgeDatasetCopy _data = new(fixture);
    private readonly TempDirectory _outside = new();

    public void Dispose()
    {
        _data.Dispose();
        _outside.Dispose();
    }

    [Fact]
    public async Task Images_linked_out_of_the_dataset_are_refused_and_links_inside_it_are_served()
    {
        File.CreateSymbolicLink(Path.Combine(_data.Root, "passwd.png"), "/etc/passwd");
        File.Copy(FixturePaths.Image("photo_coffee.jpg"), Path.Combine(_outside.Path, "secret.jpg"));
        Directory.CreateSymbolicLink(Path.Combine(_data.Root, "linked"), _outside.Path);
        File.CreateSymbolicLink(Path.Combine(_data.Root, "alias.jpg"), "photo_coffee.jpg");

        await using var judge = await ServeProcess.StartJudgeAsync(_data.Root, "--space", "siglip");
        var client = judge.Client;

        foreach (var id in new[] { "passwd.png", "linked/secret.jpg" })
        {
            var answer = await client.GetAsync($"/image?id={Uri.EscapeDataString(id)}&t={judge.Token}");
            var body = await ProblemAssert.IsProblemAsync(answer, HttpStatusCode.NotFound, id);
            Assert.DoesNotContain("root:", body.ToString());
        }
        var alias = await client.GetAsync($"/image?id=alias.jpg&t={judge.Token}");
        Assert.Equal(HttpStatusCode.OK, alias.StatusCode);
        Assert.Equal(File.ReadAllBytes(FixturePaths.Image("photo_coffee.jpg")), await alias.Content.ReadAsByteArrayAsync());
    }
}
