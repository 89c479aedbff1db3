using CsCheck;
using ResearchKit.Embeddings.Storage;

namespace ResearchKit.Tests.Properties;

/// <summary>
/// Random histories of appends, compactions and identity changes over the main part and two shards, each step by a
/// fresh writer, checked after every step against <see cref="StoreModel"/>: what a reader loads (keys, stamps and
/// vectors bit for bit), which part holds each key's latest version, and that no file outlives its chunk.
/// </summary>
public sealed class VectorLogProperties
{
    private static readonly string?[] Parts = [null, "shard-1-of-2", "shard-2-of-2"];

    // Few keys, so later steps overwrite earlier ones; some need escaping in JSON or are not ASCII.
    private static readonly string[] Keys = ["a", "b", "c", "d/e.png", "ü", "quote\"d", "new\nline", "🍎", "back\\slash", "z"];

    private static readonly Gen<float> Component = Gen.Frequency<float>(
        (4, Gen.Float.Where(float.IsFinite)),
        (1, Gen.OneOf(0f, -0f, float.Epsilon, -float.MaxValue, 1f)));

    [Fact]
    public void Append_compact_rebuild_and_reload_keep_the_latest_version_of_every_key()
    {
        (from width in Gen.Int[1, 4]
         from steps in Step(width).Array[1, 10]
         select (width, steps))
        .Sample(history =>
        {
            using var dir = new TempDirectory();
            var model = new StoreModel();
            var identity = 0;
            foreach (var step in history.steps)
            {
                if (step.NewIdentity) identity++;
                using (var writer = VectorLogWriter.Open(dir.Path, new VectorLogWriterOptions
                       { Width = history.width, Identity = $"{{\"identity\":{identity}}}", Part = step.Part }))
                {
                    if (step.NewIdentity)
                    {
                        Assert.True(writer.Rebuilt);
                        model.Clear();
                    }
                    if (step.Rows is { } rows)
                    {
                        writer.Append([.. rows.Select(r => new LogRow(r.Key, r.Stamp))], rows.SelectMany(r => r.Vector).ToArray());
                        model.Append(step.Part, rows);
                    }
                    else
                    {
                        writer.Compact(k => !step.Drop.Contains(k));
                        model.Compact(step.Part, step.Drop);
                    }
                }
                CheckAgainst(model, dir.Path, history.width, identity);
            }
        }, iter: 60, print: h => string.Join("; ", h.steps.Select(s => s.ToString())));
    }

    private static void CheckAgainst(StoreModel model, string directory, int width, int identity)
    {
        var log = VectorLog.TryOpen(directory)!;
        var snapshot = log.Load();
        var expected = model.Latest();
        Assert.Equal(expected.Select(v => v.Key), snapshot.Rows.Select(r => r.Key));
        Assert.Equal(expected.Select(v => v.Stamp), snapshot.Rows.Select(r => r.Stamp));
        Assert.Equal(expected.SelectMany(v => v.Vector).Select(BitConverter.SingleToInt32Bits), snapshot.Vectors.Select(BitConverter.SingleToInt32Bits));
        Assert.Equal(width, snapshot.Width);
        Assert.Equal($"{{\"identity\":{identity}}}", snapshot.Identity);
        Assert.Equal(expected.ToDictionary(v => v.Key, v => v.Stamp), log.ReadStamps());
        Assert.Equal(model.CountByPart(), log.CountByPart().OrderBy(p => p.Key, StringComparer.Ordinal));

        // Every file left in a part folder is its manifest, its writer lock, or a file of a chunk the manifest lists.
        foreach (var part in Directory.EnumerateDirectories(Path.Combine(directory, "parts")))
        {
            var files = Directory.GetFiles(part).Select(f => Path.GetFileName(f)).ToArray();
            var chunkFiles = files.Where(f => f.EndsWith(".f32", StringComparison.Ordinal) || f.EndsWith(".rows.json", StringComparison.Ordinal));
            Assert.Equal(2 * model.ChunkCount(Path.GetFileName(part)), chunkFiles.Count());
            Assert.All(files.Except(chunkFiles), f => Assert.Contains(f, new[] { "part.json", "writer.lock" }));
        }
    }

    private static Gen<StoreStep> Step(int width)
    {
        var row = from key in Gen.OneOf(Keys)
                  from stamp in Gen.OneOf("1", "2", "size:mtime", "")
                  from vector in Component.Array[width]
                  select new StoreRow(key, stamp, vector);
        var part = Gen.OneOf(Parts);
        var append = from p in part from rows in row.Array[1, 5] select new StoreStep(p, rows, [], false);
        var compact = from p in part from drop in Gen.OneOf(Keys).HashSet[0, 3] select new StoreStep(p, null, drop, false);
        var rebuild = from p in part from rows in row.Array[1, 3] select new StoreStep(p, rows, [], true);
        return Gen.Frequency<StoreStep>((6, append), (3, compact), (1, rebuild));
    }
}
