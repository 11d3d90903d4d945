using DeckLsp.Core.History;
using DeckLsp.Core.Identity;
using DeckLsp.Server.History;
using DeckLsp.Server.Reviews;
using Microsoft.Data.Sqlite;

namespace DeckLsp.Server.Tests.History;

/// <summary>Reads a history as a test must: from the files themselves (a database, a repository's logs), never through the server.</summary>
internal static class HistoryProbe
{
    public static Core.Reviews.ReviewReplay Replay { get; } = ReviewSettings.Default.Replay();

    /// <summary>Every event a history database holds, read with a connection of the test's own.</summary>
    public static IReadOnlyList<HistoryEvent> DatabaseEvents(string database)
    {
        if (!File.Exists(database))
        {
            return [];
        }

        using var connection = new SqliteConnection($"Data Source={database};Pooling=False;Mode=ReadOnly");
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT device, line FROM events ORDER BY ord";
        using var reader = select.ExecuteReader();
        var events = new List<HistoryEvent>();
        while (reader.Read())
        {
            var (read, problem) = HistoryLine.Parse(reader.GetString(0), reader.GetString(1));
            events.Add(read ?? throw new InvalidDataException(problem));
        }

        return events;
    }

    /// <summary>Every event of a repository's logs, read as a machine with no cache would.</summary>
    public static IReadOnlyList<HistoryEvent> RepositoryEvents(string root)
    {
        var folder = Path.Combine(root, ".decklsp", "history");
        return !Directory.Exists(folder)
            ? []
            : Directory.EnumerateFiles(folder, "*.log").Order(StringComparer.Ordinal)
                .SelectMany(path => DeviceLog.Read(path, DeviceLog.DeviceOf(path)!).Events).ToList();
    }

    public static ReviewHistory Derive(IEnumerable<HistoryEvent> events) => ReviewHistory.Build(Replay, events);

    /// <summary>The ratings still in force (undone ones left out), over every card.</summary>
    public static IReadOnlyList<RatingEvent> RatingsInForce(ReviewHistory history) =>
        history.Cards.SelectMany(c => c.Value.Ratings).OrderBy(r => r, HistoryOrder.Instance).ToList();

    public static IReadOnlyList<RatingEvent> DatabaseRatings(string database) => RatingsInForce(Derive(DatabaseEvents(database)));

    /// <summary>One line per review key: its state and the ids of its ratings in force; for comparing two machines' histories.</summary>
    public static string Describe(ReviewHistory history) => string.Join("\n", history.Cards
        .Where(c => c.Value.Ratings.Count > 0)
        .OrderBy(c => c.Key.ToString(), StringComparer.Ordinal)
        .Select(c => $"{c.Key}: {c.Value.State} [{string.Join(" ", c.Value.Ratings.Select(r => r.Id))}]"));

    public static ReviewKey Key(string deck, string local) => ReviewKey.Parse(new DeckKey(deck), local);
}
