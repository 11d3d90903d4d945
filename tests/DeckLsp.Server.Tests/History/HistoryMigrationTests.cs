using DeckLsp.Core.Scheduling;
using DeckLsp.Server.History;
using DeckLsp.Server.Reviews;
using Microsoft.Data.Sqlite;

namespace DeckLsp.Server.Tests.History;

/// <summary>
/// History kept by earlier versions (the per-user or per-workspace database, schema 1 to 3) comes along: converted into
/// events in place, and brought into a deck repository's log once, with the same keys so the same schedule.
/// </summary>
public sealed class HistoryMigrationTests : IDisposable
{
    private const string OldDeck = "~0123456789ab";
    private readonly HistoryKit _kit = new();

    public void Dispose() => _kit.Dispose();

    private string Root => Path.Combine(_kit.Folder, "decks");

    private string Legacy(string name, string deckPath) => HistoryKit.Legacy(Path.Combine(_kit.Folder, name), deckPath, OldDeck).Path;

    private (string Path, CardMemory State) LegacyWithState(string name, string deckPath) =>
        HistoryKit.Legacy(Path.Combine(_kit.Folder, name), deckPath, OldDeck);

    private static Histories Histories(HistoryKit kit, string? legacy, string dataHome) =>
        new(new HistoryOptions(LegacyDatabases: legacy is null ? [] : [legacy]), new UserData(name => name switch
        {
            "XDG_DATA_HOME" => dataHome,
            DeviceName.Variable => "laptop",
            _ => null,
        }), HistoryProbe.Replay, HistoryKit.Settings);

    [Fact]
    public void A_version_3_database_becomes_events_that_replay_to_the_same_keys()
    {
        var (path, scheduled) = LegacyWithState("reviews.db", "/somewhere/old.deck.md");
        var source = _kit.Database(path);

        source.Load();

        var history = source.Current;
        var key = HistoryProbe.Key(OldDeck, "~c1");
        Assert.Equal([4, 2], history.Card(key).Ratings.Select(r => r.Rating));
        Assert.Equal(new Core.Identity.DeckKey(OldDeck), history.Placements.KeyOf("/somewhere/old.deck.md"));
        Assert.Equal("what is x?", source.SeenHere(new Core.Identity.DeckKey(OldDeck))[new Core.Identity.CardKey("~c1")].Question);
        // The schedule the user saw: the old database's own state after the last rating.
        Assert.Equal(scheduled, history.Card(key).State);

        // Converted once: reopening adds nothing.
        source.Dispose();
        var again = _kit.Database(path);
        again.Load();
        Assert.Equal(2, again.Current.Card(key).Ratings.Count);
    }

    [Fact]
    public void A_repository_takes_the_history_of_its_decks_from_an_old_database_once()
    {
        var inside = Path.Combine(Root, "sub", "old.deck.md");
        Directory.CreateDirectory(Path.Combine(Root, ".decklsp"));
        var legacy = Legacy("workspace.db", inside);
        var dataHome = Path.Combine(_kit.Folder, "data");
        var warnings = new List<string>();
        using (var histories = new Histories(new HistoryOptions(LegacyDatabases: [legacy]), new UserData(name => name switch
               {
                   "XDG_DATA_HOME" => dataHome,
                   DeviceName.Variable => "laptop",
                   _ => null,
               }), HistoryProbe.Replay, HistoryKit.Settings, warnings.Add))
        {
            var source = histories.Loaded(inside);

            Assert.IsType<RepositoryHistory>(source);
            Assert.Contains(warnings, w => w.Contains("Brought 2 reviews of 1 decks", StringComparison.Ordinal));
            var key = HistoryProbe.Key(OldDeck, "~c1");
            Assert.Equal(2, source.Current.Card(key).Ratings.Count);
            Assert.Equal(new Core.Identity.DeckKey(OldDeck), source.DeckKeyOf(inside, null));
        }

        // Another start (even with the old database's note of it gone) adds nothing: ratings already there are not written again.
        using (var connection = HistoryKit.Connection(legacy))
        {
            HistoryKit.Scalar(connection, "DELETE FROM settings WHERE key LIKE 'migrated-to:%'");
        }

        SqliteConnection.ClearAllPools();
        using (var histories = Histories(_kit, legacy, dataHome))
        {
            histories.Loaded(inside);
        }

        var logged = HistoryProbe.RepositoryEvents(Root).OfType<Core.History.RatingEvent>().ToList();
        Assert.Equal(2, logged.Count);
        Assert.All(logged, e => Assert.Equal("laptop", e.Id.Device));
    }

    [Fact]
    public void Decks_outside_the_repository_stay_in_the_old_database()
    {
        Directory.CreateDirectory(Path.Combine(Root, ".decklsp"));
        var legacy = Legacy("workspace.db", Path.Combine(_kit.Folder, "elsewhere", "old.deck.md"));
        using var histories = Histories(_kit, legacy, Path.Combine(_kit.Folder, "data"));

        histories.Loaded(Path.Combine(Root, "new.deck.md"));

        Assert.Empty(HistoryProbe.RepositoryEvents(Root));
    }
}
