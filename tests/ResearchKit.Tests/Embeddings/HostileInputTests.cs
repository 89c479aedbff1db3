using ResearchKit.Datasets;
using ResearchKit.Embeddings;
using ResearchKit.Embeddings.Storage;
using ResearchKit.Tests.Cli;

namespace ResearchKit.Tests.Embeddings;

/// <summary>Unreadable folders and files, garbage store files and terminal escape sequences in file names.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class HostileInputTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose()
    {
        foreach (var path in Directory.EnumerateFileSystemEntries(_dir.Path, "*", SearchOption.AllDirectories).Prepend(_dir.Path))
            try { File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        _dir.Dispose();
    }

    [UnprivilegedFact]
    public async Task Unreadable_folders_and_files_are_recorded_as_failures_and_the_run_carries_on()
    {
        var data = Path.Combine(_dir.Path, "data");
        TestDatasets.WriteGeneratedImages(data, 6);
        TestDatasets.WriteGeneratedImages(Path.Combine(data, "locked"), 2);
        File.Copy(Path.Combine(data, "gen_00000.png"), Path.Combine(data, "secret.png"));
        var store = Path.Combine(_dir.Path, "store");
        Directory.CreateDirectory(store);
        File.SetUnixFileMode(store, (UnixFileMode)0b111_111_111);
        File.SetUnixFileMode(Path.Combine(data, "locked"), UnixFileMode.None);
        File.SetUnixFileMode(Path.Combine(data, "secret.png"), UnixFileMode.None);

        using var run = CliProcess.Start(["index", data, "--store", store, "--model", FixturePaths.Model("dinov2-tiny")], Unprivileged.Prefix,
            new Dictionary<string, string> { ["HOME"] = store, ["DOTNET_CLI_HOME"] = store });
        var code = await run.WaitAsync();

        Assert.True(code == 2, $"exit {code}\n{run.Out}\n{run.Error}");
        Assert.Contains("6 embedded", run.Out);
        Assert.Contains("locked", run.Error);
        Assert.Contains("secret.png", run.Error);
        Assert.DoesNotContain("   at ", run.Error);  // a message, not a stack trace
        var opened = EmbeddingStore.Open(store);
        Assert.Equal(6, opened.LoadSpace("dinov2-tiny").Count);
        Assert.Equal(["locked", "secret.png"], opened.ReadFailures("dinov2-tiny").Select(f => f.Source).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Escape_sequences_in_file_names_reach_the_terminal_as_visible_text()
    {
        TestDatasets.WriteGeneratedImages(_dir.Path, 2);
        File.WriteAllBytes(Path.Combine(_dir.Path, "evil\u001b]0;pwned\u0007\u001b[2J.png"), [0x89, 0x50, 0x4E, 0x47, 1, 2, 3]);

        var result = CliRun.Invoke("index", _dir.Path, "--model", FixturePaths.Model("dinov2-tiny"));

        Assert.Equal(2, result.ExitCode);
        Assert.DoesNotContain('\u001b', result.Out + result.Error);
        Assert.DoesNotContain('\u0007', result.Out + result.Error);
        Assert.Contains("evil\\x1B]0;pwned\\x07\\x1B[2J.png", result.Error);
    }

    [Theory]
    [InlineData("store.json", "{{{{")]
    [InlineData("store.json", "[1,2]")]
    [InlineData("items.jsonl", "{\"id\":\"a\",\"relativePath\":\"a.png\"}\nnot json\n")]
    [InlineData("items.jsonl", "null\n")]
    public void Garbage_store_files_are_typed_errors_that_name_the_file_and_the_fix(string file, string content)
    {
        var storeDir = Path.Combine(_dir.Path, ".researchkit");
        EmbeddingStore.Open(storeDir, create: true);
        File.WriteAllText(Path.Combine(storeDir, file), content);

        var error = Assert.Throws<StoreCorruptException>(() => EmbeddingStore.Open(storeDir).ReadItems());

        Assert.Equal(Path.Combine(storeDir, file), error.Path);
        Assert.Contains(file == "store.json" ? "deleting it is safe" : "index the dataset again", error.Message);
    }

    [Fact]
    public void A_garbage_failures_file_is_a_typed_error()
    {
        var storeDir = Path.Combine(_dir.Path, ".researchkit");
        var store = EmbeddingStore.Open(storeDir, create: true);
        store.WriteFailures("s", "main", [new ItemFailure(0, "a.png", "X", "m")]);
        File.AppendAllText(Path.Combine(store.SpaceDirectory("s"), "parts", "main", "failures.jsonl"), "garbage\n");

        var error = Assert.Throws<StoreCorruptException>(() => store.ReadFailures("s"));
        Assert.Contains("line 2", error.Message);
    }
}
