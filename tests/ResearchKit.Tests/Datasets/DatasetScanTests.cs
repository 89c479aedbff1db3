using ResearchKit.Datasets;

namespace ResearchKit.Tests.Datasets;

/// <summary>Scanning hostile folders: symbolic link loops and second paths to a folder are walked once.</summary>
public sealed class DatasetScanTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly byte[] _png = File.ReadAllBytes(FixturePaths.Image("tiny_1x1.png"));

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_symlink_loop_is_detected_and_no_phantom_items_appear()
    {
        _dir.Write("a/one.png", _png);
        _dir.Write("a/b/two.png", _png);
        // a/b/back -> a : followed naively this yields a/b/back/b/back/... forty levels deep.
        Directory.CreateSymbolicLink(Path.Combine(_dir.Path, "a", "b", "back"), Path.Combine(_dir.Path, "a"));
        Directory.CreateSymbolicLink(Path.Combine(_dir.Path, "self"), _dir.Path);

        var dataset = Dataset.Open(_dir.Path);

        Assert.Equal(["a/b/two.png", "a/one.png"], dataset.Items.Select(i => i.Id));
        Assert.Equal(["a/b/back", "self"], dataset.ScanFailures.Select(f => f.Path).Order(StringComparer.Ordinal));
        Assert.All(dataset.ScanFailures, f => Assert.Equal("SymlinkLoop", f.Kind));
    }

    [Fact]
    public void A_link_to_a_folder_outside_is_followed_once()
    {
        using var outside = new TempDirectory();
        outside.Write("far.png", _png);
        _dir.Write("near.png", _png);
        Directory.CreateSymbolicLink(Path.Combine(_dir.Path, "linked"), outside.Path);
        Directory.CreateSymbolicLink(Path.Combine(_dir.Path, "again"), outside.Path);

        var dataset = Dataset.Open(_dir.Path);

        // Whichever link is walked first keeps the images; the second path to the same folder is skipped.
        Assert.Equal(2, dataset.Items.Count);
        Assert.Contains("near.png", dataset.Items.Select(i => i.Id));
        Assert.Single(dataset.ScanFailures);
    }

    [Fact]
    public void A_dangling_folder_link_is_recorded_not_thrown()
    {
        _dir.Write("ok.png", _png);
        Directory.CreateSymbolicLink(Path.Combine(_dir.Path, "gone"), Path.Combine(_dir.Path, "nowhere"));

        var dataset = Dataset.Open(_dir.Path);

        Assert.Equal(["ok.png"], dataset.Items.Select(i => i.Id));
    }
}
