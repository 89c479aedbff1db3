using Microsoft.Data.Sqlite;

namespace ResearchKit.Service;

/// <summary>
/// Users' likes and seen items in SQLite (WAL, one transaction per write): a like is on disk before the request
/// answers, so a crash or restart loses none.
/// </summary>
public sealed class LikeStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    public LikeStore(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        _connection.Open();
        Run("PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000; " +
            "CREATE TABLE IF NOT EXISTS likes (user TEXT NOT NULL, item TEXT NOT NULL, liked INTEGER NOT NULL, " +
            "created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), PRIMARY KEY (user, item))");
    }

    /// <summary>Records that <paramref name="user"/> liked (or only saw, when <paramref name="liked"/> is false) an item.</summary>
    public void Record(string user, string item, bool liked)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "INSERT INTO likes (user, item, liked) VALUES ($u, $i, $l) ON CONFLICT (user, item) DO UPDATE SET liked = excluded.liked";
            command.Parameters.AddWithValue("$u", user);
            command.Parameters.AddWithValue("$i", item);
            command.Parameters.AddWithValue("$l", liked ? 1 : 0);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>The items a user liked, and every item they liked or saw.</summary>
    public (List<string> Liked, List<string> Seen) Of(string user)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT item, liked FROM likes WHERE user = $u ORDER BY item";
            command.Parameters.AddWithValue("$u", user);
            using var reader = command.ExecuteReader();
            var liked = new List<string>();
            var seen = new List<string>();
            while (reader.Read())
            {
                seen.Add(reader.GetString(0));
                if (reader.GetInt64(1) == 1) liked.Add(reader.GetString(0));
            }
            return (liked, seen);
        }
    }

    /// <summary>Number of like rows (for the soak test's "no lost likes" check).</summary>
    public long Count()
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT COUNT(*) FROM likes WHERE liked = 1";
            return (long)command.ExecuteScalar()!;
        }
    }

    private void Run(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => _connection.Dispose();
}
