using Microsoft.Data.Sqlite;

namespace ResearchKit.IO;

/// <summary>
/// One SQLite database file opened the project's one way: WAL journal (readers never block the writer), a busy
/// timeout (a writer in another process makes this one wait, not fail), no connection pooling (nothing keeps the file
/// open after <see cref="Dispose"/>), and one connection used under a lock, so an instance is safe to share between
/// threads. Every statement outside <see cref="InTransaction"/> is its own committed transaction.
/// </summary>
public sealed class SqliteDatabase : IDisposable
{
    /// <summary>How long a statement waits for another process's write lock before failing.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(5);

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private SqliteTransaction? _transaction;

    private SqliteDatabase(SqliteConnection connection, string path)
    {
        _connection = connection;
        Path = path;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Opens (creating the file and its folder if needed) the database at <paramref name="path"/> and runs <paramref name="schema"/> (CREATE ... IF NOT EXISTS statements).</summary>
    public static SqliteDatabase Open(string path, string schema)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = false,
            DefaultTimeout = (int)BusyTimeout.TotalSeconds,
        }.ToString());
        try
        {
            connection.Open();
            var database = new SqliteDatabase(connection, path);
            database.Execute($"PRAGMA journal_mode = WAL; PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds};");
            database.Execute(schema);
            return database;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Runs a statement with parameters <c>$1</c>, <c>$2</c>, ... and returns the rows it changed.</summary>
    public int Execute(string sql, params object?[] values)
    {
        lock (_gate)
        {
            using var command = Command(sql, values);
            return command.ExecuteNonQuery();
        }
    }

    /// <summary>Runs a statement and returns the first column of its first row (e.g. <c>RETURNING id</c>, <c>COUNT(*)</c>).</summary>
    public T Scalar<T>(string sql, params object?[] values)
    {
        lock (_gate)
        {
            using var command = Command(sql, values);
            return (T)Convert.ChangeType(command.ExecuteScalar()!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Runs a query and maps each row with <paramref name="row"/>.</summary>
    public List<T> Query<T>(string sql, Func<SqliteDataReader, T> row, params object?[] values)
    {
        lock (_gate)
        {
            using var command = Command(sql, values);
            using var reader = command.ExecuteReader();
            var list = new List<T>();
            while (reader.Read()) list.Add(row(reader));
            return list;
        }
    }

    /// <summary>Runs <paramref name="work"/> in one transaction: all of its statements commit together or not at all.</summary>
    public void InTransaction(Action work)
    {
        lock (_gate)
        {
            if (_transaction is not null) { work(); return; }
            using var transaction = _connection.BeginTransaction();
            _transaction = transaction;
            try
            {
                work();
                transaction.Commit();
            }
            finally
            {
                _transaction = null;
            }
        }
    }

    private SqliteCommand Command(string sql, object?[] values)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = _transaction;
        for (var i = 0; i < values.Length; i++) command.Parameters.AddWithValue($"${i + 1}", values[i] ?? DBNull.Value);
        return command;
    }

    public void Dispose()
    {
        lock (_gate) _connection.Dispose();
    }
}
