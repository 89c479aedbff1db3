using System.Globalization;
using DuckDB.NET.Data;
using ResearchKit.Datasets;
using ResearchKit.Embeddings;
using ResearchKit.Models;
using ResearchKit.Search;
using ResearchKit.Tests.Cli;

namespace ResearchKit.Tests.Embeddings;

/// <summary>The per-shard Parquet export read back by DuckDB, as an analyst would, agreeing with ResearchKit's search.</summary>
public sealed class ParquetDuckDbTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task DuckDB_reads_one_file_per_shard_and_finds_the_same_nearest_neighbours()
    {
        var data = Path.Combine(_dir.Path, "data");
        TestDatasets.WriteGeneratedImages(data, 60);
        using var model = EmbeddingModel.Open(FixturePaths.Model("dinov2-tiny"));
        for (var shard = 0; shard < 3; shard++)
            await new DatasetIndexer(Dataset.Open(data)).IndexAsync(model, new IndexOptions { Shard = new ShardSpec(shard, 3) });
        var output = Path.Combine(_dir.Path, "parquet");

        var export = CliRun.Invoke("export", data, "--space", "dinov2-tiny", "--format", "parquet", "--out", output);

        Assert.True(export.ExitCode == 0, export.Error);
        var files = Directory.GetFiles(output, "*.parquet").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["dinov2-tiny-shard-0-of-3.parquet", "dinov2-tiny-shard-1-of-3.parquet", "dinov2-tiny-shard-2-of-3.parquet"], files);

        using var duck = new DuckDBConnection("DataSource=:memory:");
        duck.Open();
        var glob = Path.Combine(output, "*.parquet").Replace("'", "''");
        Assert.Equal(60L, Scalar<long>(duck, $"SELECT count(*) FROM read_parquet('{glob}')"));
        Assert.Equal(60L, Scalar<long>(duck, $"SELECT count(DISTINCT id) FROM read_parquet('{glob}')"));
        Assert.Equal("FLOAT[]", Scalar<string>(duck, $"SELECT column_type FROM (DESCRIBE SELECT embedding FROM read_parquet('{glob}'))"));
        var identity = Scalar<string>(duck, $"SELECT decode(value) FROM parquet_kv_metadata('{glob}') WHERE decode(key) = 'researchkit.space' LIMIT 1");
        Assert.Contains("\"family\":\"Dinov2\"", identity);
        Assert.Equal(model.Identity.Fingerprint,
            Scalar<string>(duck, $"SELECT decode(value) FROM parquet_kv_metadata('{glob}') WHERE decode(key) = 'researchkit.fingerprint' LIMIT 1"));

        using var engine = SearchEngine.Open(Dataset.Open(data));
        foreach (var query in engine.Space("dinov2-tiny").Ids.Where((_, i) => i % 6 == 0))
        {
            var ours = engine.SearchSimilar(query, new SearchOptions { TopK = 5 }).Results.Select(r => r.Id).ToList();
            var theirs = new List<string>();
            using var command = duck.CreateCommand();
            command.CommandText = $"""
                WITH q AS (SELECT embedding FROM read_parquet('{glob}') WHERE id = $id)
                SELECT p.id FROM read_parquet('{glob}') p, q WHERE p.id <> $id
                ORDER BY list_dot_product(p.embedding, q.embedding) DESC, p.id LIMIT 5
                """;
            command.Parameters.Add(new DuckDBParameter("id", query));
            using var reader = command.ExecuteReader();
            while (reader.Read()) theirs.Add(reader.GetString(0));
            Assert.Equal(ours, theirs);
        }
    }

    private static T Scalar<T>(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), CultureInfo.InvariantCulture);
    }
}
