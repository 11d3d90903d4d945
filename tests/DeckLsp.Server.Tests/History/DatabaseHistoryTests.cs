using DeckLsp.Core.History;
using DeckLsp.Server.History;

namespace DeckLsp.Server.Tests.History;

/// <summary>
/// The self-contained history (<c>--db</c>, the per-user database): durable, shared by processes, its kept states
/// always a replay of its events, and never acknowledging what it could not write.
/// </summary>
public sealed class DatabaseHistoryTests : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(30);
    private readonly HistoryKit _kit = new();

    public void Dispose() => _kit.Dispose();

    [Fact]
    public void A_rating_appended_is_there_after_reopening_the_file()
    {
        var first = _kit.Database();
        first.Load();
        var written = first.Append([HistoryKit.Rating("~a", 4, 0), HistoryKit.Rating("~a", 2, 30)]);
        first.Dispose();

        var again = _kit.Database();
        again.Load();

        var card = again.Current.Card(HistoryKit.Key("~a"));
        Assert.Equal(written, card.Ratings);
        Assert.Equal(HistoryProbe.Derive(written).Card(HistoryKit.Key("~a")).State, card.State);
    }

    [Fact]
    public void The_connection_is_in_wal_mode_with_full_sync()
    {
        var (database, warning) = HistoryDatabase.Open(_kit.DatabasePath);
        using (database)
        {
            Assert.Null(warning);
            Assert.Equal("wal", database!.QueryScalar("PRAGMA journal_mode"));
            Assert.Equal(2L, database.QueryScalar("PRAGMA synchronous"));
        }
    }

    [Fact]
    public void Missing_folders_are_created()
    {
        var path = Path.Combine(_kit.Folder, "a", "b", "reviews.db");
        var source = _kit.Database(path);

        source.Append([HistoryKit.Rating("~a", 3, 0)]);

        Assert.True(File.Exists(path));
    }

    [Fact]
    public async Task Two_processes_rating_the_same_card_at_once_leave_kept_states_equal_to_a_replay()
    {
        var (left, right) = (_kit.Database(device: "laptop"), _kit.Database(device: "laptop"));
        left.Load();
        right.Load();

        await Task.WhenAll(
            Task.Run(() => Enumerable.Range(0, 30).ToList().ForEach(i => left.Append([HistoryKit.Rating("~same", 1 + (i % 5), i)]))),
            Task.Run(() => Enumerable.Range(0, 30).ToList().ForEach(i => right.Append([HistoryKit.Rating("~same", 5 - (i % 5), i + 0.5)])))).WaitAsync(Bound);

        var events = HistoryProbe.DatabaseEvents(_kit.DatabasePath);
        Assert.Equal(60, events.Count);
        Assert.Equal(60, events.Select(e => e.Id).Distinct().Count());
        var replayed = HistoryProbe.Derive(events).Card(HistoryKit.Key("~same")).State;

        // What a fresh reader takes from the kept states, and what either writer holds, is the replay.
        var fresh = _kit.Database();
        fresh.Load();
        Assert.Equal(replayed, fresh.Current.Card(HistoryKit.Key("~same")).State);
        left.Refresh();
        right.Refresh();
        Assert.Equal(replayed, left.Current.Card(HistoryKit.Key("~same")).State);
        Assert.Equal(replayed, right.Current.Card(HistoryKit.Key("~same")).State);
    }

    [Fact]
    public void A_database_that_cannot_be_created_refuses_a_rating_with_its_path_and_takes_one_once_it_can()
    {
        var blocker = Path.Combine(_kit.Folder, "blocked");
        File.WriteAllText(blocker, "a file where a folder should be");
        var source = _kit.Database(Path.Combine(blocker, "reviews.db"));
        var warnings = new List<string>();
        source.Warn = warnings.Add;
        source.Load();

        var refused = Assert.Throws<HistoryBusyException>(() => source.Append([HistoryKit.Rating("~a", 4, 0)]));
        Assert.Contains(blocker, refused.Message);
        Assert.Contains(warnings, w => w.Contains("keeps trying", StringComparison.Ordinal));

        File.Delete(blocker);
        source.Append([HistoryKit.Rating("~a", 4, 0)]);

        Assert.Single(HistoryProbe.DatabaseEvents(Path.Combine(blocker, "reviews.db")));
    }

    [Fact]
    public async Task A_database_locked_at_the_first_open_takes_ratings_once_the_lock_is_gone()
    {
        _kit.Database().Append([HistoryKit.Rating("~a", 4, 0)]);
        using var holder = HistoryKit.Connection(_kit.DatabasePath);
        HistoryKit.Scalar(holder, "BEGIN EXCLUSIVE");
        var source = _kit.Database(options: new DatabaseOptions { BusyTimeout = TimeSpan.FromMilliseconds(20), RetryBudget = TimeSpan.FromMilliseconds(200) });

        source.Load();
        Assert.NotNull(source.Problem);
        Assert.Throws<HistoryBusyException>(() => source.Append([HistoryKit.Rating("~a", 2, 1)]));

        HistoryKit.Scalar(holder, "ROLLBACK");
        var written = await Task.Run(() => source.Append([HistoryKit.Rating("~a", 2, 1)])).WaitAsync(Bound);

        Assert.Null(source.Problem);
        // The rating taken, and the history that was there before the lock, both in force.
        Assert.Equal(2, source.Current.Card(HistoryKit.Key("~a")).Ratings.Count);
        Assert.Equal(written.Single(), HistoryProbe.DatabaseEvents(_kit.DatabasePath)[^1]);
    }

    [Fact]
    public async Task An_append_blocked_past_the_retry_budget_fails_clearly_and_writes_nothing()
    {
        var source = _kit.Database(options: new DatabaseOptions { RetryBudget = TimeSpan.FromMilliseconds(300) });
        source.Load();
        using var holder = HistoryKit.Connection(_kit.DatabasePath);
        HistoryKit.Scalar(holder, "BEGIN IMMEDIATE");

        var error = await Assert.ThrowsAsync<HistoryBusyException>(() => Task.Run(() => source.Append([HistoryKit.Rating("~a", 4, 0)])).WaitAsync(Bound));
        HistoryKit.Scalar(holder, "COMMIT");

        Assert.Contains(_kit.DatabasePath, error.Message);
        Assert.Contains("locked", error.Message);
        Assert.Empty(HistoryProbe.DatabaseEvents(_kit.DatabasePath));
        Assert.Empty(source.Current.Card(HistoryKit.Key("~a")).Ratings);
    }

    [Fact]
    public void An_undo_is_an_event_and_survives_a_reopen()
    {
        var source = _kit.Database();
        source.Load();
        var kept = source.Append([HistoryKit.Rating("~a", 4, 0)]).Single();
        var undone = source.Append([HistoryKit.Rating("~a", 1, 1)]).Single();
        source.Append([new UndoEvent(default, HistoryKit.Start.AddHours(1.1), undone is RatingEvent r ? r.Key : default, undone.Id)]);
        source.Dispose();

        var again = _kit.Database();
        again.Load();

        Assert.Equal([kept], again.Current.Card(HistoryKit.Key("~a")).Ratings);
        Assert.Equal(3, HistoryProbe.DatabaseEvents(_kit.DatabasePath).Count);
    }

    public static TheoryData<string> UnusableFiles => ["random bytes", "truncated database", "schema from the future"];

    [Theory]
    [MemberData(nameof(UnusableFiles))]
    public void An_unusable_database_is_set_aside_byte_for_byte_and_a_fresh_one_takes_ratings(string kind)
    {
        var original = Make(kind);
        var source = _kit.Database();
        var warnings = new List<string>();
        source.Warn = warnings.Add;

        source.Load();
        source.Append([HistoryKit.Rating("~a", 4, 0)]);

        var backup = Assert.Single(Directory.GetFiles(_kit.Folder, "reviews.db.corrupt-*"), f => !f.EndsWith("-wal") && !f.EndsWith("-shm"));
        Assert.Matches(@"reviews\.db\.corrupt-\d{14}$", backup);
        Assert.Equal(original, File.ReadAllBytes(backup));
        Assert.Contains(warnings, w => w.Contains(backup, StringComparison.Ordinal));
        Assert.Single(HistoryProbe.DatabaseEvents(_kit.DatabasePath));
        if (kind == "schema from the future")
        {
            Assert.Contains(warnings, w => w.Contains("newer", StringComparison.Ordinal) && w.Contains("999", StringComparison.Ordinal));
        }
    }

    private byte[] Make(string kind)
    {
        switch (kind)
        {
            case "random bytes":
                File.WriteAllBytes(_kit.DatabasePath, Enumerable.Range(0, 4096).Select(i => (byte)(i * 31 % 251)).ToArray());
                break;
            case "truncated database":
                var source = _kit.Database(Path.Combine(_kit.Folder, "whole.db"));
                source.Append(Enumerable.Range(0, 200).Select(i => (HistoryEvent)HistoryKit.Rating($"~{i:x12}", 3, i)).ToList());
                source.Dispose();
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                var bytes = File.ReadAllBytes(Path.Combine(_kit.Folder, "whole.db"));
                File.WriteAllBytes(_kit.DatabasePath, bytes[..(bytes.Length / 2)]);
                break;
            default:
                using (var connection = HistoryKit.Connection(_kit.DatabasePath))
                {
                    HistoryKit.Scalar(connection, "PRAGMA user_version = 999");
                }

                break;
        }

        return File.ReadAllBytes(_kit.DatabasePath);
    }
}
