using Microsoft.Data.Sqlite;

namespace ResearchKit.Tuning;

/// <summary>
/// A dataset's judgments in SQLite (<c>judgments.sqlite</c> in its store): relevance labels and triplets.
/// Every write is its own transaction and the database runs in WAL mode, so several writers (two browser tabs,
/// a notebook) never lose an answer and a crash never leaves half a row.
/// </summary>
public sealed class JudgmentStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    private JudgmentStore(SqliteConnection connection, string path)
    {
        _connection = connection;
        Path = path;
    }

    public string Path { get; }

    /// <summary>Opens (creating if needed) the judgments database at <paramref name="path"/>.</summary>
    public static JudgmentStore Open(string path)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, """
            PRAGMA journal_mode = WAL;
            PRAGMA busy_timeout = 5000;
            CREATE TABLE IF NOT EXISTS relevance (
                id INTEGER PRIMARY KEY AUTOINCREMENT, query TEXT NOT NULL, item TEXT NOT NULL,
                relevance REAL NOT NULL, judge TEXT, created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')));
            CREATE TABLE IF NOT EXISTS triplets (
                id INTEGER PRIMARY KEY AUTOINCREMENT, anchor TEXT NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL,
                answer TEXT NOT NULL, judge TEXT, created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')));
            """);
        return new JudgmentStore(connection, path);
    }

    /// <summary>Opens the judgments database of a dataset store folder.</summary>
    public static JudgmentStore ForStore(string storeDirectory) => Open(System.IO.Path.Combine(storeDirectory, "judgments.sqlite"));

    /// <summary>Stores a triplet judgment and returns its row id.</summary>
    public long Add(TripletJudgment t)
    {
        lock (_gate)
            return Insert("INSERT INTO triplets (anchor, a, b, answer, judge) VALUES ($1, $2, $3, $4, $5) RETURNING id",
                t.Anchor, t.A, t.B, t.Answer.ToString(), t.Judge);
    }

    /// <summary>Stores a relevance judgment and returns its row id.</summary>
    public long Add(RelevanceJudgment r)
    {
        lock (_gate)
            return Insert("INSERT INTO relevance (query, item, relevance, judge) VALUES ($1, $2, $3, $4) RETURNING id",
                r.Query, r.Item, r.Relevance, r.Judge);
    }

    /// <summary>Stores many judgments in one transaction (imports, synthetic sets).</summary>
    public void AddRange(IEnumerable<TripletJudgment> triplets, IEnumerable<RelevanceJudgment>? relevance = null)
    {
        lock (_gate)
        {
            using var tx = _connection.BeginTransaction();
            foreach (var t in triplets)
                Insert("INSERT INTO triplets (anchor, a, b, answer, judge) VALUES ($1, $2, $3, $4, $5) RETURNING id", t.Anchor, t.A, t.B, t.Answer.ToString(), t.Judge);
            foreach (var r in relevance ?? [])
                Insert("INSERT INTO relevance (query, item, relevance, judge) VALUES ($1, $2, $3, $4) RETURNING id", r.Query, r.Item, r.Relevance, r.Judge);
            tx.Commit();
        }
    }

    /// <summary>Deletes one triplet (undo); returns false when it was already gone.</summary>
    public bool DeleteTriplet(long id)
    {
        lock (_gate) return NonQuery("DELETE FROM triplets WHERE id = $1", id) > 0;
    }

    /// <summary>Deletes one relevance judgment (undo); returns false when it was already gone.</summary>
    public bool DeleteRelevance(long id)
    {
        lock (_gate) return NonQuery("DELETE FROM relevance WHERE id = $1", id) > 0;
    }

    /// <summary>Every triplet judgment, oldest first.</summary>
    public IReadOnlyList<TripletJudgment> Triplets()
    {
        lock (_gate)
        {
            using var command = Command("SELECT anchor, a, b, answer, judge, id FROM triplets ORDER BY id");
            using var reader = command.ExecuteReader();
            var list = new List<TripletJudgment>();
            while (reader.Read())
                list.Add(new TripletJudgment(reader.GetString(0), reader.GetString(1), reader.GetString(2),
                    Enum.Parse<TripletAnswer>(reader.GetString(3)), reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetInt64(5)));
            return list;
        }
    }

    /// <summary>Every relevance judgment, oldest first.</summary>
    public IReadOnlyList<RelevanceJudgment> Relevance()
    {
        lock (_gate)
        {
            using var command = Command("SELECT query, item, relevance, judge, id FROM relevance ORDER BY id");
            using var reader = command.ExecuteReader();
            var list = new List<RelevanceJudgment>();
            while (reader.Read())
                list.Add(new RelevanceJudgment(reader.GetString(0), reader.GetString(1), reader.GetDouble(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetInt64(4)));
            return list;
        }
    }

    private long Insert(string sql, params object?[] values)
    {
        using var command = Command(sql, values);
        return (long)command.ExecuteScalar()!;
    }

    private int NonQuery(string sql, params object?[] values)
    {
        using var command = Command(sql, values);
        return command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, params object?[] values)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 0; i < values.Length; i++) command.Parameters.AddWithValue($"${i + 1}", values[i] ?? DBNull.Value);
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();
}
