using System.Diagnostics;
using ResearchKit.IO;

namespace ResearchKit.Tests.IO;

/// <summary>Reading a config-sized file: regular files only, never blocking on a FIFO, bounded in size, each refusal the caller's typed error.</summary>
public sealed class RegularFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private static Exception Fail(string problem, Exception? cause) => new TestRefusal(problem, cause);

    [Fact]
    public void A_regular_file_is_read_whole()
    {
        var path = _dir.Write("config.json", "{\"a\": 1}"u8.ToArray());

        Assert.Equal("{\"a\": 1}"u8.ToArray(), RegularFile.ReadAllBytes(path, 1024, Fail));
    }

    [Fact]
    public async Task A_fifo_is_refused_at_once_instead_of_blocking_until_a_writer_comes()
    {
        var path = Path.Combine(_dir.Path, "config.json");
        using (var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", [path]) { UseShellExecute = false })!) mkfifo.WaitForExit();

        // A blocked open never returns: the guard turns that into a failure instead of a hung test run.
        var read = Task.Run(() => Assert.Throws<TestRefusal>(() => RegularFile.ReadAllBytes(path, 1024, Fail)));
        var refusal = await read.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Contains("not a regular file", refusal.Message);
        Assert.Contains("FIFO", refusal.Message);
    }

    [Fact]
    public void Folders_missing_files_and_oversized_files_are_refused_with_the_reason()
    {
        var big = _dir.Write("big.json", new byte[2048]);

        Assert.Contains("does not exist", Assert.Throws<TestRefusal>(() => RegularFile.ReadAllBytes(Path.Combine(_dir.Path, "nope.json"), 1024, Fail)).Message);
        Assert.Contains("folder", Assert.Throws<TestRefusal>(() => RegularFile.ReadAllBytes(_dir.Path, 1024, Fail)).Message);
        Assert.Contains("2,048 bytes", Assert.Throws<TestRefusal>(() => RegularFile.ReadAllBytes(big, 1024, Fail)).Message);
    }

    [Fact]
    public void A_symbolic_link_to_a_regular_file_is_followed()
    {
        var target = _dir.Write("real.json", "[]"u8.ToArray());
        var link = Path.Combine(_dir.Path, "link.json");
        File.CreateSymbolicLink(link, target);

        Assert.Equal("[]"u8.ToArray(), RegularFile.ReadAllBytes(link, 1024, Fail));
    }

    private sealed class TestRefusal(string message, Exception? inner) : Exception(message, inner);
}
