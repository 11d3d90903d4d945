using DeckLsp.Core.History;
using DeckLsp.Core.Identity;
using DeckLsp.Server.History;
using DeckLsp.Server.Reviews;
using Microsoft.Data.Sqlite;

namespace DeckLsp.Server.Tests.History;

/// <summary>Histories in a temporary folder, closed and deleted on dispose, and ratings to append to them.</summary>
internal sealed class HistoryKit : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);
    public static readonly DeckKey Deck = new("p0000000001");

    private readonly TempFolder _folder = new();
    private readonly List<IDisposable> _open = [];

    public string Folder => _folder.Path;

    public string DatabasePath => Path.Combine(_folder.Path, "reviews.db");

    public static string Settings { get; } = ReviewSettings.Default.Fingerprint();

    public DatabaseHistory Database(string? path = null, string device = "laptop", DatabaseOptions? options = null) =>
        Keep(new DatabaseHistory(path ?? DatabasePath, HistoryProbe.Replay, Settings, device, options));

    public RepositoryHistory Repository(string root, string device, string? cache = null) =>
        Keep(new RepositoryHistory(new DeckRepository(root), cache ?? Path.Combine(_folder.Path, $"cache-{device}.db"), HistoryProbe.Replay, Settings, device));

    public static ReviewKey Key(string card, int? deletion = null) => new(Deck, new CardKey(card), deletion);

    public static RatingEvent Rating(string card, int rating, double hours) =>
        new(default, Start.AddHours(hours), Key(card), rating, 2000);

    /// <summary>A connection of the test's own to a database file, not pooled, so it really is a second one.</summary>
    public static SqliteConnection Connection(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    public static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private T Keep<T>(T source) where T : IDisposable
    {
        _open.Add(source);
        return source;
    }

    public void Dispose()
    {
        foreach (var source in _open)
        {
            source.Dispose();
        }

        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
