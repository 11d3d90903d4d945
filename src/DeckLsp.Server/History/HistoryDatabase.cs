using System.Globalization;
using Microsoft.Data.Sqlite;

namespace DeckLsp.Server.History;

/// <summary>
/// A history database in SQLite (docs/history.md): the history's events, states derived from them, and the card text
/// this machine saw. It is either a self-contained history (<c>--db</c>, the per-user history), where its events are
/// the truth, or a deck repository's cache, where they mirror the repository's logs and the whole file can be thrown
/// away. One connection, used under a lock; every write is one <c>BEGIN IMMEDIATE</c> transaction committed (WAL,
/// <c>synchronous=FULL</c>: on disk) before the method returns. Other processes may use the same file at once; a lock
/// they hold is waited for briefly, then <see cref="HistoryBusyException"/>.
/// </summary>
internal sealed partial class HistoryDatabase : IDisposable
{
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;

    private readonly object _gate = new();
    private readonly SqliteConnection _connection;
    private readonly BusyRetry _retry;
    private bool _disposed;

    private HistoryDatabase(SqliteConnection connection, string path, BusyRetry retry)
    {
        _connection = connection;
        Path = path;
        _retry = retry;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>A database (null when the file cannot be used), and the message for the user when it was set aside or cannot be used.</summary>
    public sealed record OpenResult(HistoryDatabase? Database, string? Warning);

    /// <summary>
    /// Opens (creating folders and file as needed) and migrates the database at <paramref name="path"/>. Never throws:
    /// a corrupt, foreign or too-new file is renamed to <c>NAME.corrupt-YYYYMMDDHHMMSS</c> (UTC, with its -wal/-shm)
    /// and a fresh one started; when no file can be used the store lives in memory. Either way
    /// <see cref="OpenResult.Warning"/> says so.
    /// </summary>
    public static OpenResult Open(string path, DatabaseOptions? options = null)
    {
        options ??= DatabaseOptions.Default;
        string fullPath;
        try
        {
            fullPath = System.IO.Path.GetFullPath(path);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(fullPath)!);
        }
        catch (Exception e)
        {
            return new OpenResult(null, $"The history database {path} cannot be used: its folder cannot be created ({e.Message}).");
        }

        var first = TryOpenFile(fullPath, options);
        if (first.Store is { } store)
        {
            return new OpenResult(store, null);
        }

        if (first.Damage is not { } damage)
        {
            return new OpenResult(null, $"The history database {fullPath} cannot be opened ({first.Failure}).");
        }

        string backup;
        try
        {
            backup = SetAside(fullPath);
        }
        catch (Exception e)
        {
            return new OpenResult(null, $"The history database {fullPath} is unusable ({damage}) and could not be set aside ({e.Message}).");
        }

        var warning = $"The history database {fullPath} was unusable ({damage}). It was kept as {backup}, and a fresh database was started.";
        var fresh = TryOpenFile(fullPath, options);
        return fresh.Store is { } freshStore
            ? new OpenResult(freshStore, warning)
            : new OpenResult(null, $"{warning} The fresh database cannot be opened either ({fresh.Failure ?? fresh.Damage}).");
    }

    private sealed record Attempt(HistoryDatabase? Store, string? Damage, string? Failure);

    private static Attempt TryOpenFile(string path, DatabaseOptions options)
    {
        // SQLite deletes the -wal and -shm beside a file it finds is no database; look first, so they are kept.
        if (!HasSqliteHeader(path))
        {
            return new Attempt(null, "not a SQLite database", null);
        }

        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // Each store holds one connection for its lifetime; a pooled handle would keep the file open after
            // Dispose, which stops a corrupt file from being set aside.
            Pooling = false,
            // The library retries SQLITE_BUSY itself until the command timeout (30 s by default, 0 = forever);
            // 1 s is its shortest, and BusyRetry bounds the whole operation.
            DefaultTimeout = 1,
        }.ToString();
        var connection = new SqliteConnection(connectionString);
        var retry = new BusyRetry(options.RetryBudget, path);
        try
        {
            connection.Open();
            Execute(connection, $"PRAGMA busy_timeout = {(int)options.BusyTimeout.TotalMilliseconds}");
            var damage = retry.Run(() => Inspect(connection));
            if (damage is not null)
            {
                connection.Dispose();
                return new Attempt(null, damage, null);
            }

            retry.Run(() =>
            {
                // WAL lets readers and one writer proceed together; FULL makes each commit durable in WAL mode.
                Execute(connection, "PRAGMA journal_mode = WAL");
                Execute(connection, "PRAGMA synchronous = FULL");
                HistorySchema.Migrate(connection, HistorySchema.CurrentVersion);
                return 0;
            });
            return new Attempt(new HistoryDatabase(connection, path, retry), null, null);
        }
        catch (SqliteException e) when ((e.SqliteErrorCode & 0xFF) is SqliteCorrupt or SqliteNotADatabase)
        {
            connection.Dispose();
            return new Attempt(null, $"not a readable SQLite database: {e.Message.TrimEnd('.')}", null);
        }
        catch (Exception e)
        {
            connection.Dispose();
            return new Attempt(null, null, e.Message);
        }
    }

    /// <summary>Whether the file is missing, empty (SQLite makes both a new database) or starts as a SQLite database does.</summary>
    private static bool HasSqliteHeader(string path)
    {
        ReadOnlySpan<byte> magic = "SQLite format 3\0"u8;
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Span<byte> start = stackalloc byte[magic.Length];
            var read = file.ReadAtLeast(start, start.Length, throwOnEndOfStream: false);
            return read == 0 || start[..read].SequenceEqual(magic);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Not ours to judge: opening it will say what is wrong.
            return true;
        }
    }

    /// <summary>Why the database cannot be used as it is, or null when it can.</summary>
    private static string? Inspect(SqliteConnection connection)
    {
        var problems = new List<string>();
        using (var check = connection.CreateCommand())
        {
            check.CommandText = "PRAGMA quick_check(5)";
            using var reader = check.ExecuteReader();
            while (reader.Read())
            {
                problems.Add(reader.GetString(0));
            }
        }

        if (problems is not ["ok"])
        {
            return "integrity check failed: " + string.Join("; ", problems);
        }

        var version = HistorySchema.ReadVersion(connection, null);
        return version > HistorySchema.CurrentVersion
            ? $"schema version {version} was written by a newer DeckLsp; this one knows up to {HistorySchema.CurrentVersion}"
            : null;
    }

    /// <summary>Renames the database and its companion files to a timestamped backup; returns the backup's path.</summary>
    private static string SetAside(string path)
    {
        var stamp = DateTime.UtcNow.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture);
        var backup = $"{path}.corrupt-{stamp}";
        for (var n = 1; File.Exists(backup); n++)
        {
            backup = $"{path}.corrupt-{stamp}-{n}";
        }

        File.Move(path, backup);
        foreach (var suffix in (string[])["-wal", "-shm", "-journal"])
        {
            if (File.Exists(path + suffix))
            {
                File.Move(path + suffix, backup + suffix);
            }
        }

        return backup;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one <c>BEGIN IMMEDIATE</c> transaction, committed (on disk) before returning. On a
    /// lock held elsewhere it is run again, so it must be pure apart from its statements.
    /// </summary>
    public T Write<T>(Func<SqliteTransaction, T> work)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _retry.Run(() =>
            {
                using var transaction = _connection.BeginTransaction(deferred: false);
                var result = work(transaction);
                transaction.Commit();
                return result;
            });
        }
    }

    /// <summary>Runs <paramref name="work"/> in one read transaction, so its statements see one snapshot.</summary>
    public T Read<T>(Func<SqliteTransaction, T> work)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return _retry.Run(() =>
            {
                using var transaction = _connection.BeginTransaction(deferred: true);
                var result = work(transaction);
                transaction.Commit();
                return result;
            });
        }
    }

    private SqliteCommand Command(SqliteTransaction transaction, string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>The first value of <paramref name="sql"/> on the store's own connection, for tests of its settings.</summary>
    internal object? QueryScalar(string sql) => Read(transaction =>
    {
        using var command = Command(transaction, sql);
        return command.ExecuteScalar();
    });

    public void Dispose()
    {
        lock (_gate)
        {
            if (!_disposed)
            {
                _disposed = true;
                _connection.Dispose();
            }
        }
    }
}
