using ResearchKit.Embeddings.Storage;

namespace ResearchKit.Tests.Embeddings;

public sealed class VectorLogTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Load_returns_the_latest_row_per_key_ordered_by_key()
    {
        var log = VectorLog.Create(_dir.Path, 2, "{}");
        log.Append([new LogRow("b", "1"), new LogRow("a", "1")], new float[] { 1, 2, 3, 4 });
        log.Append([new LogRow("b", "2")], new float[] { 5, 6 });

        var snapshot = VectorLog.TryOpen(_dir.Path)!.Load();

        Assert.Equal(["a", "b"], snapshot.Rows.Select(r => r.Key));
        Assert.Equal(["1", "2"], snapshot.Rows.Select(r => r.Stamp));
        Assert.Equal(new float[] { 3, 4, 5, 6 }, snapshot.Vectors);
    }

    [Fact]
    public void Compact_keeps_only_accepted_rows_in_one_chunk_and_deletes_the_old_files()
    {
        var log = VectorLog.Create(_dir.Path, 1, "{}");
        log.Append([new LogRow("x", "s")], new float[] { 1 });
        log.Append([new LogRow("y", "s")], new float[] { 2 });
        log.Append([new LogRow("z", "s")], new float[] { 3 });

        log.Compact(k => k != "y");

        var reopened = VectorLog.TryOpen(_dir.Path)!;
        Assert.Equal(1, reopened.ChunkCount);
        Assert.Equal(new float[] { 1, 3 }, reopened.Load().Vectors);
        Assert.Equal(2, Directory.GetFiles(_dir.Path, "*.f32").Length + Directory.GetFiles(_dir.Path, "*.rows.json").Length);
    }

    [Fact]
    public void Chunks_written_but_never_committed_are_ignored_and_removed()
    {
        var log = VectorLog.Create(_dir.Path, 1, "{}");
        log.Append([new LogRow("kept", "s")], new float[] { 7 });
        // What a process killed between writing a chunk and committing the manifest leaves behind.
        File.WriteAllBytes(Path.Combine(_dir.Path, "seg-000099.f32"), new byte[4]);
        File.WriteAllText(Path.Combine(_dir.Path, "seg-000099.rows.json"), "[{\"key\":\"ghost\",\"stamp\":\"s\"}]");
        File.WriteAllText(Path.Combine(_dir.Path, ".log.json.abc.tmp"), "{half");

        var reopened = VectorLog.TryOpen(_dir.Path)!;

        Assert.Equal(["kept"], reopened.Load().Rows.Select(r => r.Key));
        Assert.False(File.Exists(Path.Combine(_dir.Path, "seg-000099.f32")));
        Assert.False(File.Exists(Path.Combine(_dir.Path, ".log.json.abc.tmp")));
    }

    [Fact]
    public void A_truncated_chunk_is_reported_as_corrupt_with_the_fix()
    {
        var log = VectorLog.Create(_dir.Path, 4, "{}");
        log.Append([new LogRow("a", "s")], new float[] { 1, 2, 3, 4 });
        var chunk = Directory.GetFiles(_dir.Path, "*.f32").Single();
        File.WriteAllBytes(chunk, new byte[8]);

        var error = Assert.Throws<StoreCorruptException>(() => VectorLog.TryOpen(_dir.Path)!.Load());
        Assert.Contains("16 bytes", error.Message);
        Assert.Contains("index the dataset again", error.Message);
    }

    [Fact]
    public void A_log_from_a_newer_version_is_refused()
    {
        VectorLog.Create(_dir.Path, 1, "{}");
        var manifest = Path.Combine(_dir.Path, "log.json");
        File.WriteAllText(manifest, File.ReadAllText(manifest).Replace("\"schemaVersion\": 1", "\"schemaVersion\": 99"));

        var error = Assert.Throws<StoreVersionException>(() => VectorLog.TryOpen(_dir.Path));
        Assert.Contains("schema 99", error.Message);
    }

    [Fact]
    public void Append_rejects_a_vector_count_that_does_not_match_the_rows()
    {
        var log = VectorLog.Create(_dir.Path, 3, "{}");
        Assert.Throws<ArgumentException>(() => log.Append([new LogRow("a", "s")], new float[] { 1, 2 }));
    }
}
