using ResearchKit.IO;

namespace ResearchKit.Tests.IO;

/// <summary>The one SQLite helper: WAL, a busy timeout that makes a second writer wait, and all-or-nothing transactions.</summary>
public sealed class SqliteDatabaseTests : IDisposable
{
    private const string Schema = "CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY AUTOINCREMENT, text TEXT NOT NULL)";
    private readonly TempDirectory _dir = new();
    private string DatabasePath => Path.Combine(_dir.Path, "sub", "notes.sqlite");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void It_creates_the_file_in_wal_mode_with_a_busy_timeout_and_round_trips_rows()
    {
        using var db = SqliteDatabase.Open(DatabasePath, Schema);

        Assert.Equal("wal", db.Scalar<string>("PRAGMA journal_mode"));
        Assert.Equal((long)SqliteDatabase.BusyTimeout.TotalMilliseconds, db.Scalar<long>("PRAGMA busy_timeout"));
        var id = db.Scalar<long>("INSERT INTO notes (text) VALUES ($1) RETURNING id", "first");
        Assert.Equal(["first"], db.Query("SELECT text FROM notes WHERE id = $1", r => r.GetString(0), id));
        Assert.Equal(1, db.Execute("DELETE FROM notes WHERE id = $1", id));
    }

    [Fact]
    public void A_transaction_that_throws_leaves_nothing_behind()
    {
        using var db = SqliteDatabase.Open(DatabasePath, Schema);

        Assert.Throws<InvalidOperationException>(() => db.InTransaction(() =>
        {
            db.Execute("INSERT INTO notes (text) VALUES ($1)", "half");
            throw new InvalidOperationException("crash midway (test)");
        }));

        Assert.Equal(0, db.Scalar<long>("SELECT COUNT(*) FROM notes"));
        db.Execute("INSERT INTO notes (text) VALUES ($1)", "after");
        Assert.Equal(1, db.Scalar<long>("SELECT COUNT(*) FROM notes"));
    }

    [Fact]
    public async Task A_second_writer_waits_for_the_first_instead_of_failing_busy()
    {
        using var first = SqliteDatabase.Open(DatabasePath, Schema);
        using var second = SqliteDatabase.Open(DatabasePath, Schema);
        Task? waiting = null;

        first.InTransaction(() =>
        {
            first.Execute("INSERT INTO notes (text) VALUES ($1)", "first");
            waiting = Task.Run(() => second.Execute("INSERT INTO notes (text) VALUES ($1)", "second"));
            Thread.Sleep(500); // the second writer meets the open write transaction
        });
        await waiting!;

        Assert.Equal(["first", "second"], first.Query("SELECT text FROM notes ORDER BY id", r => r.GetString(0)));
    }
}
