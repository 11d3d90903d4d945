using DeckLsp.Core.Scheduling;
using DeckLsp.Server.Storage;
using Microsoft.Data.Sqlite;

namespace DeckLsp.Server.Tests.Storage;

/// <summary>A temporary folder for database files, and reviews produced by the real scheduler.</summary>
internal sealed class StoreTestKit : IDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly FsrsScheduler Scheduler = new(new FsrsOptions());

    private readonly TempFolder _folder = new();
    private readonly List<ReviewStore> _stores = [];

    public string Folder => _folder.Path;

    public string DatabasePath => Path.Combine(_folder.Path, "reviews.db");

    /// <summary>Opens <paramref name="path"/> (default: <see cref="DatabasePath"/>), closed again on dispose.</summary>
    public ReviewStore.OpenResult Open(string? path = null, ReviewStoreOptions? options = null)
    {
        var result = ReviewStore.Open(path ?? DatabasePath, options);
        _stores.Add(result.Store);
        return result;
    }

    /// <summary>Opens the database and checks that nothing was wrong with it.</summary>
    public ReviewStore OpenClean(string? path = null, ReviewStoreOptions? options = null)
    {
        var result = Open(path, options);
        Assert.Null(result.Warning);
        return result.Store;
    }

    /// <summary>A review of <paramref name="card"/> from the state <paramref name="before"/> (new when null).</summary>
    public static NewReview Review(string card, Grade grade, DateTimeOffset at, CardMemory? before = null, string deck = "deck-a") =>
        new(card, deck, (int)grade, grade, at, 4200, before ?? CardMemory.New(at), Scheduler.Next(before ?? CardMemory.New(at), grade, at));

    /// <summary>Rates the card from its stored state, as the server does.</summary>
    public static ReviewLogEntry Rate(ReviewStore store, string card, Grade grade, DateTimeOffset at, string deck = "deck-a") =>
        store.Append(Review(card, grade, at, store.GetState(card), deck));

    /// <summary>A connection of our own to the file, not pooled, so it really is a second one.</summary>
    public SqliteConnection RawConnection(string? path = null)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path ?? DatabasePath,
            Pooling = false,
        }.ToString());
        connection.Open();
        return connection;
    }

    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        _folder.Dispose();
    }
}
