using ResearchKit.IO;

namespace ResearchKit.Service;

/// <summary>
/// Users' likes and seen items in SQLite (the project's <see cref="SqliteDatabase"/>: WAL, one transaction per write):
/// a like is on disk before the request answers, so a crash or restart loses none.
/// </summary>
public sealed class LikeStore : IDisposable
{
    private const string Schema = "CREATE TABLE IF NOT EXISTS likes (user TEXT NOT NULL, item TEXT NOT NULL, liked INTEGER NOT NULL, " +
        "created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')), PRIMARY KEY (user, item))";

    private readonly SqliteDatabase _database;

    public LikeStore(string path) => _database = SqliteDatabase.Open(path, Schema);

    /// <summary>Records that <paramref name="user"/> liked (or only saw, when <paramref name="liked"/> is false) an item.</summary>
    public void Record(string user, string item, bool liked) =>
        _database.Execute("INSERT INTO likes (user, item, liked) VALUES ($1, $2, $3) ON CONFLICT (user, item) DO UPDATE SET liked = excluded.liked",
            user, item, liked ? 1 : 0);

    /// <summary>The items a user liked, and every item they liked or saw.</summary>
    public (List<string> Liked, List<string> Seen) Of(string user)
    {
        var rows = _database.Query("SELECT item, liked FROM likes WHERE user = $1 ORDER BY item", r => (Item: r.GetString(0), Liked: r.GetInt64(1) == 1), user);
        return ([.. rows.Where(r => r.Liked).Select(r => r.Item)], [.. rows.Select(r => r.Item)]);
    }

    /// <summary>Number of like rows (for the soak test's "no lost likes" check).</summary>
    public long Count() => _database.Scalar<long>("SELECT COUNT(*) FROM likes WHERE liked = 1");

    public void Dispose() => _database.Dispose();
}
