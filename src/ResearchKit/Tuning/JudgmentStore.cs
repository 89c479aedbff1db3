using ResearchKit.IO;

namespace ResearchKit.Tuning;

/// <summary>
/// A dataset's judgments in SQLite (<c>judgments.sqlite</c> in its store): relevance labels and triplets.
/// Every write is its own transaction and the database runs in WAL mode, so several writers (two browser tabs,
/// a notebook) never lose an answer and a crash never leaves half a row.
/// </summary>
public sealed class JudgmentStore : IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS relevance (
            id INTEGER PRIMARY KEY AUTOINCREMENT, query TEXT NOT NULL, item TEXT NOT NULL,
            relevance REAL NOT NULL, judge TEXT, created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')));
        CREATE TABLE IF NOT EXISTS triplets (
            id INTEGER PRIMARY KEY AUTOINCREMENT, anchor TEXT NOT NULL, a TEXT NOT NULL, b TEXT NOT NULL,
            answer TEXT NOT NULL, judge TEXT, created TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')));
        """;

    private const string InsertTriplet = "INSERT INTO triplets (anchor, a, b, answer, judge) VALUES ($1, $2, $3, $4, $5) RETURNING id";
    private const string InsertRelevance = "INSERT INTO relevance (query, item, relevance, judge) VALUES ($1, $2, $3, $4) RETURNING id";

    private readonly SqliteDatabase _database;

    private JudgmentStore(SqliteDatabase database) => _database = database;

    public string Path => _database.Path;

    /// <summary>Opens (creating if needed) the judgments database at <paramref name="path"/>.</summary>
    public static JudgmentStore Open(string path) => new(SqliteDatabase.Open(path, Schema));

    /// <summary>Opens the judgments database of a dataset store folder.</summary>
    public static JudgmentStore ForStore(string storeDirectory) => Open(System.IO.Path.Combine(storeDirectory, "judgments.sqlite"));

    /// <summary>Stores a triplet judgment and returns its row id.</summary>
    public long Add(TripletJudgment t) => _database.Scalar<long>(InsertTriplet, t.Anchor, t.A, t.B, t.Answer.ToString(), t.Judge);

    /// <summary>Stores a relevance judgment and returns its row id.</summary>
    public long Add(RelevanceJudgment r) => _database.Scalar<long>(InsertRelevance, r.Query, r.Item, r.Relevance, r.Judge);

    /// <summary>Stores many judgments in one transaction (imports, synthetic sets).</summary>
    public void AddRange(IEnumerable<TripletJudgment> triplets, IEnumerable<RelevanceJudgment>? relevance = null) =>
        _database.InTransaction(() =>
        {
            foreach (var t in triplets) _database.Execute(InsertTriplet, t.Anchor, t.A, t.B, t.Answer.ToString(), t.Judge);
            foreach (var r in relevance ?? []) _database.Execute(InsertRelevance, r.Query, r.Item, r.Relevance, r.Judge);
        });

    /// <summary>Deletes one triplet (undo); returns false when it was already gone.</summary>
    public bool DeleteTriplet(long id) => _database.Execute("DELETE FROM triplets WHERE id = $1", id) > 0;

    /// <summary>Deletes one relevance judgment (undo); returns false when it was already gone.</summary>
    public bool DeleteRelevance(long id) => _database.Execute("DELETE FROM relevance WHERE id = $1", id) > 0;

    /// <summary>Every triplet judgment, oldest first.</summary>
    public IReadOnlyList<TripletJudgment> Triplets() =>
        _database.Query("SELECT anchor, a, b, answer, judge, id FROM triplets ORDER BY id", r => new TripletJudgment(
            r.GetString(0), r.GetString(1), r.GetString(2), Enum.Parse<TripletAnswer>(r.GetString(3)), r.IsDBNull(4) ? null : r.GetString(4), r.GetInt64(5)));

    /// <summary>Every relevance judgment, oldest first.</summary>
    public IReadOnlyList<RelevanceJudgment> Relevance() =>
        _database.Query("SELECT query, item, relevance, judge, id FROM relevance ORDER BY id", r => new RelevanceJudgment(
            r.GetString(0), r.GetString(1), r.GetDouble(2), r.IsDBNull(3) ? null : r.GetString(3), r.GetInt64(4)));

    public void Dispose() => _database.Dispose();
}
