using DeckLsp.Core.History;
using DeckLsp.Core.Identity;
using DeckLsp.Server.History;
using DeckLsp.Server.Reviews;
using DeckLsp.Core.Scheduling;
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

    /// <summary>
    /// A database as version 3 wrote it, at <paramref name="path"/>: the deck <paramref name="deck"/> at
    /// <paramref name="deckPath"/>, its card ~c1 rated Good then Again a day later. Returns the state it was left in.
    /// </summary>
    public static (string Path, CardMemory State) Legacy(string path, string deckPath, string deck)
    {
        using var connection = Connection(path);
        HistorySchema.Migrate(connection, 3);
        var scheduler = new FsrsScheduler(new FsrsOptions { EnableFuzz = true });
        var state = CardMemory.New(Start);
        var rows = new List<string>();
        foreach (var (rating, grade, hours) in new[] { (4, Grade.Good, 0.0), (2, Grade.Again, 30.0) })
        {
            var when = Start.AddHours(hours);
            var after = scheduler.Next(state, grade, when, $"{deck}/~c1/{state.Reps}");
            rows.Add($"('{deck}/~c1', '{deck}', {rating}, {(int)grade}, '{StoredValues.Time(when)}', 3000, '{StoredValues.ToJson(state)}', '{StoredValues.ToJson(after)}')");
            state = after;
        }

        Scalar(connection, $"""
            INSERT INTO review_log (card_key, deck_key, rating, grade, reviewed_utc, duration_ms, before_state, after_state) VALUES {string.Join(", ", rows)};
            INSERT INTO decks (deck_key, path, title, updated_utc) VALUES ('{deck}', '{deckPath}', 'Old', '{StoredValues.Time(Start)}');
            INSERT INTO cards (card_key, deck_key, normalized_question, normalized_answer, question_snippet, answer_snippet, ordinal, orphaned, last_seen_utc)
            VALUES ('{deck}/~c1', '{deck}', 'what is x?', 'y', 'What is X?', 'Y', 0, 0, '{StoredValues.Time(Start)}');
            """);
        return (path, state);
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
