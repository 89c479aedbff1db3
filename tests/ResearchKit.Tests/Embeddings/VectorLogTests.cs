using ResearchKit.Embeddings.Storage;

namespace ResearchKit.Tests.Embeddings;

public sealed class VectorLogTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private VectorLogWriter Writer(int width, string? part = null, string identity = "{}") =>
        VectorLogWriter.Open(_dir.Path, new VectorLogWriterOptions { Width = width, Identity = identity, Part = part });

    private string PartDir(string part) => Path.Combine(_dir.Path, "parts", part);

    [Fact]
    public void Load_returns_the_latest_row_per_key_ordered_by_key()
    {
        using (var log = Writer(2))
        {
            log.Append([new LogRow("b", "1"), new LogRow("a", "1")], new float[] { 1, 2, 3, 4 });
            log.Append([new LogRow("b", "2")], new float[] { 5, 6 });
        }

        var snapshot = VectorLog.TryOpen(_dir.Path)!.Load();

        Assert.Equal(["a", "b"], snapshot.Rows.Select(r => r.Key));
        Assert.Equal(["1", "2"], snapshot.Rows.Select(r => r.Stamp));
        Assert.Equal(new float[] { 3, 4, 5, 6 }, snapshot.Vectors);
    }

    [Fact]
    public void Compact_keeps_only_accepted_rows_in_one_chunk_and_deletes_the_old_files()
    {
        using (var log = Writer(1))
        {
            log.Append([new LogRow("x", "s")], new float[] { 1 });
            log.Append([new LogRow("y", "s")], new float[] { 2 });
            log.Append([new LogRow("z", "s")], new float[] { 3 });
            log.Compact(k => k != "y");
        }

        var reopened = VectorLog.TryOpen(_dir.Path)!;
        Assert.Equal(1, reopened.ChunkCount);
        Assert.Equal(new float[] { 1, 3 }, reopened.Load().Vectors);
        Assert.Single(Directory.GetFiles(PartDir("main"), "*.f32"));
        Assert.Single(Directory.GetFiles(PartDir("main"), "*.rows.json"));
    }

    [Fact]
    public void Chunks_never_committed_are_invisible_and_only_the_next_lock_holder_removes_them()
    {
        using (var log = Writer(1)) log.Append([new LogRow("kept", "s")], new float[] { 7 });
        // What a writer killed between writing a chunk and committing the manifest leaves behind.
        File.WriteAllBytes(Path.Combine(PartDir("main"), "c000099-ghost.f32"), new byte[4]);
        File.WriteAllText(Path.Combine(PartDir("main"), "c000099-ghost.rows.json"), "[{\"key\":\"ghost\",\"stamp\":\"s\"}]");
        File.WriteAllText(Path.Combine(PartDir("main"), ".part.json.1-host-abc.tmp"), "{half");

        // A reader sees only committed rows and deletes nothing.
        Assert.Equal(["kept"], VectorLog.TryOpen(_dir.Path)!.Load().Rows.Select(r => r.Key));
        Assert.True(File.Exists(Path.Combine(PartDir("main"), "c000099-ghost.f32")));

        using (Writer(1)) { }
        Assert.False(File.Exists(Path.Combine(PartDir("main"), "c000099-ghost.f32")));
        Assert.False(File.Exists(Path.Combine(PartDir("main"), ".part.json.1-host-abc.tmp")));
    }

    [Fact]
    public void A_truncated_chunk_is_reported_as_corrupt_naming_the_file()
    {
        using (var log = Writer(4)) log.Append([new LogRow("a", "s")], new float[] { 1, 2, 3, 4 });
        var chunk = Directory.GetFiles(PartDir("main"), "*.f32").Single();
        File.WriteAllBytes(chunk, new byte[8]);

        var error = Assert.Throws<StoreCorruptException>(() => VectorLog.TryOpen(_dir.Path)!.Load());
        Assert.Equal(chunk, error.Path);
        Assert.Contains("16", error.Message);
        Assert.Contains("Index the dataset again", error.Message);
    }

    [Theory]
    [InlineData("random")]
    [InlineData("nan")]
    public void Same_size_damage_fails_the_checksum_and_a_writer_sets_exactly_that_chunk_aside(string damage)
    {
        using (var log = Writer(2))
        {
            log.Append([new LogRow("a", "s"), new LogRow("b", "s")], new float[] { 1, 0, 0, 1 });
            log.Append([new LogRow("c", "s")], new float[] { 0.6f, 0.8f });
        }
        var manifest = File.ReadAllText(Path.Combine(PartDir("main"), "part.json"));
        var victim = Directory.GetFiles(PartDir("main"), "*.f32").OrderBy(f => manifest.IndexOf(Path.GetFileNameWithoutExtension(f), StringComparison.Ordinal)).First();
        var bytes = new byte[16];
        if (damage == "random") new Random(5).NextBytes(bytes);
        else Buffer.BlockCopy(new[] { float.NaN, float.NaN, float.NaN, float.NaN }, 0, bytes, 0, 16);
        File.WriteAllBytes(victim, bytes);

        var error = Assert.Throws<StoreCorruptException>(() => VectorLog.TryOpen(_dir.Path)!.Load());
        Assert.Equal(victim, error.Path);
        Assert.Contains("checksum", error.Message);

        using var writer = Writer(2);
        var inspection = writer.Inspect();
        var damaged = Assert.Single(inspection.Damaged);
        Assert.Equal(["a", "b"], damaged.Keys);
        Assert.Equal(["c"], inspection.Stamps.Keys);
        Assert.Equal(1, writer.RetireDamaged(inspection.Damaged));
        Assert.Equal(["c"], VectorLog.TryOpen(_dir.Path)!.Load().Rows.Select(r => r.Key));
    }

    [Fact]
    public void A_log_from_a_newer_version_is_refused()
    {
        using (Writer(1)) { }
        var head = Path.Combine(_dir.Path, "log.json");
        File.WriteAllText(head, File.ReadAllText(head).Replace("\"schemaVersion\": 2", "\"schemaVersion\": 99"));

        var error = Assert.Throws<StoreVersionException>(() => VectorLog.TryOpen(_dir.Path));
        Assert.Contains("schema 99", error.Message);
    }

    [Fact]
    public void A_log_in_the_older_format_is_refused_by_readers_and_rebuilt_by_a_writer()
    {
        File.WriteAllText(Path.Combine(_dir.Path, "log.json"), "{\"schemaVersion\":1,\"width\":1,\"identity\":\"{}\",\"nextChunk\":2,\"segments\":[\"seg-000001\"]}");
        File.WriteAllBytes(Path.Combine(_dir.Path, "seg-000001.f32"), new byte[4]);
        File.WriteAllText(Path.Combine(_dir.Path, "seg-000001.rows.json"), "[{\"key\":\"old\",\"stamp\":\"s\"}]");

        Assert.True(Assert.Throws<StoreVersionException>(() => VectorLog.TryOpen(_dir.Path)).Older);
        using (var writer = Writer(1))
        {
            Assert.True(writer.Rebuilt);
            Assert.True(writer.ReplacedOlderFormat);
        }
        Assert.Empty(VectorLog.TryOpen(_dir.Path)!.Load().Rows);
        Assert.False(File.Exists(Path.Combine(_dir.Path, "seg-000001.f32")));
    }

    [Fact]
    public void Garbage_in_the_head_or_a_part_manifest_is_a_typed_error_naming_the_file()
    {
        using (var log = Writer(1)) log.Append([new LogRow("a", "s")], new float[] { 1 });
        var part = Path.Combine(PartDir("main"), "part.json");
        File.WriteAllText(part, "not json at all");
        Assert.Equal(part, Assert.Throws<StoreCorruptException>(() => VectorLog.TryOpen(_dir.Path)!.Load()).Path);

        var head = Path.Combine(_dir.Path, "log.json");
        File.WriteAllBytes(head, [0xff, 0x00, 0x7b]);
        Assert.Equal(head, Assert.Throws<StoreCorruptException>(() => VectorLog.TryOpen(_dir.Path)).Path);
    }

    [Fact]
    public void Append_rejects_a_vector_count_that_does_not_match_the_rows()
    {
        using var log = Writer(3);
        Assert.Throws<ArgumentException>(() => log.Append([new LogRow("a", "s")], new float[] { 1, 2 }));
    }

    [Fact]
    public void Parts_written_side_by_side_read_as_one_log_and_a_whole_writer_merges_them()
    {
        using (var one = Writer(1, "shard-0-of-2"))
        using (var two = Writer(1, "shard-1-of-2"))
        {
            one.Append([new LogRow("a", "s")], new float[] { 1 });
            two.Append([new LogRow("b", "s")], new float[] { 2 });
            one.Append([new LogRow("c", "s")], new float[] { 3 });
        }
        var log = VectorLog.TryOpen(_dir.Path)!;
        Assert.Equal(["shard-0-of-2", "shard-1-of-2"], log.Parts);
        Assert.Equal(new float[] { 1, 2, 3 }, log.Load().Vectors);

        using (var whole = Writer(1)) whole.Compact();

        log = VectorLog.TryOpen(_dir.Path)!;
        Assert.Equal(["main"], log.Parts);
        Assert.Equal(new float[] { 1, 2, 3 }, log.Load().Vectors);
        Assert.False(Directory.Exists(PartDir("shard-0-of-2")));
    }

    [Fact]
    public void The_newest_commit_of_a_key_wins_across_parts()
    {
        using (var whole = Writer(1)) whole.Append([new LogRow("a", "old")], new float[] { 1 });
        using (var shard = Writer(1, "shard-0-of-1")) shard.Append([new LogRow("a", "new")], new float[] { 2 });

        var snapshot = VectorLog.TryOpen(_dir.Path)!.Load();
        Assert.Equal("new", Assert.Single(snapshot.Rows).Stamp);
        Assert.Equal(new float[] { 2 }, snapshot.Vectors);
    }

    [Fact]
    public void A_second_writer_of_the_same_part_waits_and_a_whole_writer_waits_for_shards()
    {
        using var held = Writer(1, "shard-0-of-2");
        var options = new VectorLogWriterOptions { Width = 1, Identity = "{}", Part = "shard-0-of-2" };
        Assert.Null(VectorLogWriter.TryOpen(_dir.Path, options));
        Assert.NotNull(VectorLogWriter.TryOpen(_dir.Path, options with { Part = "shard-1-of-2" }));
        Assert.Null(VectorLogWriter.TryOpen(_dir.Path, options with { Part = null }));

        string? told = null;
        var error = Assert.Throws<StoreBusyException>(() => VectorLogWriter.Open(_dir.Path, options with { LockTimeout = TimeSpan.FromMilliseconds(200), OnWait = m => told = m }));
        Assert.Contains("shard-0-of-2", told);
        Assert.Contains("writer.lock", error.Path);
    }

    [Fact]
    public void A_new_identity_rebuilds_the_log_and_readers_never_see_old_and_new_rows_together()
    {
        using (var old = Writer(1, "shard-0-of-2", "{\"model\":1}")) old.Append([new LogRow("a", "s")], new float[] { 1 });
        using (var renewed = Writer(1, "shard-1-of-2", "{\"model\":2}"))
        {
            Assert.True(renewed.Rebuilt);
            Assert.Equal("{\"model\":1}", renewed.PreviousIdentity);
            renewed.Append([new LogRow("b", "s")], new float[] { 2 });
        }
        var log = VectorLog.TryOpen(_dir.Path)!;
        Assert.Equal("{\"model\":2}", log.Identity);
        Assert.Equal(["b"], log.Load().Rows.Select(r => r.Key));
        Assert.False(Directory.Exists(PartDir("shard-0-of-2")));
    }

    [Fact]
    public void Retired_chunks_stay_while_a_reader_holds_a_lease_and_go_at_the_next_collection()
    {
        using var writer = Writer(1);
        writer.Append([new LogRow("a", "s")], new float[] { 1 });
        writer.Append([new LogRow("b", "s")], new float[] { 2 });
        var before = Directory.GetFiles(PartDir("main"), "*.f32");

        using (FileLock.TryAcquire(Path.Combine(_dir.Path, "readers.lock"), exclusive: false))
        {
            writer.Compact();
            Assert.All(before, f => Assert.True(File.Exists(f), $"{f} was deleted under a reader"));
        }
        writer.Append([new LogRow("c", "s")], new float[] { 3 });
        Assert.All(before, f => Assert.False(File.Exists(f)));
        Assert.Equal(new float[] { 1, 2, 3 }, VectorLog.TryOpen(_dir.Path)!.Load().Vectors);
    }
}
