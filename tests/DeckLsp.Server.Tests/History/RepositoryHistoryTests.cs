using DeckLsp.Core.History;
using DeckLsp.Server.History;
using Microsoft.Data.Sqlite;

namespace DeckLsp.Server.Tests.History;

/// <summary>
/// A deck repository's history: each device appends to its own log, every device's log is read, and the cache in the
/// user data folder saves work but is never needed.
/// </summary>
public sealed class RepositoryHistoryTests : IDisposable
{
    private readonly HistoryKit _kit = new();

    public void Dispose() => _kit.Dispose();

    private string Root => Path.Combine(_kit.Folder, "decks");

    private string LogOf(string device) => Path.Combine(Root, ".decklsp", "history", device + ".log");

    [Fact]
    public void Ratings_go_to_this_devices_log_in_the_repository()
    {
        var laptop = _kit.Repository(Root, "laptop");
        laptop.Load();

        var written = laptop.Append([HistoryKit.Rating("~a", 4, 0)]);

        Assert.Equal(written, DeviceLog.Read(LogOf("laptop"), "laptop").Events);
        Assert.Equal(written, laptop.Current.Card(HistoryKit.Key("~a")).Ratings);
        Assert.Equal(["laptop.log"], Directory.GetFiles(Path.GetDirectoryName(LogOf("laptop"))!, "*.log").Select(Path.GetFileName));
    }

    [Fact]
    public void Each_machine_reads_the_others_log_and_both_derive_the_same_states()
    {
        var laptop = _kit.Repository(Root, "laptop");
        var desktop = _kit.Repository(Root, "desktop");
        laptop.Load();
        desktop.Load();

        laptop.Append([HistoryKit.Rating("~a", 4, 0), HistoryKit.Rating("~b", 1, 1)]);
        desktop.Append([HistoryKit.Rating("~a", 2, 30)]);
        var update = laptop.Refresh();

        Assert.Equal([HistoryKit.Key("~a")], update.Cards);
        Assert.Equal(HistoryProbe.Describe(laptop.Current), HistoryProbe.Describe(desktop.Current));
        Assert.Equal(HistoryProbe.Describe(HistoryProbe.Derive(HistoryProbe.RepositoryEvents(Root))), HistoryProbe.Describe(laptop.Current));
        Assert.Equal(3, laptop.Current.Card(HistoryKit.Key("~a")).Ratings.Count + laptop.Current.Card(HistoryKit.Key("~b")).Ratings.Count);
    }

    [Fact]
    public void A_refresh_reads_only_the_lines_appended_since()
    {
        var laptop = _kit.Repository(Root, "laptop");
        var desktop = _kit.Repository(Root, "desktop");
        laptop.Load();
        desktop.Append([HistoryKit.Rating("~a", 4, 0), HistoryKit.Rating("~b", 3, 1), HistoryKit.Rating("~c", 3, 2), HistoryKit.Rating("~d", 3, 3)]);
        laptop.Refresh();
        var warnings = new List<string>();
        laptop.Warn = warnings.Add;

        // An early line damaged on disk goes unnoticed by a reader that does not read it again; the new line is read.
        var lines = File.ReadAllLines(LogOf("desktop"));
        lines[1] = lines[1].Replace("\t4\t2000", "\tX\t2000");
        File.WriteAllText(LogOf("desktop"), string.Join("\n", lines) + "\n");
        desktop.Append([HistoryKit.Rating("~e", 5, 4)]);
        var update = laptop.Refresh();

        Assert.Empty(warnings);
        Assert.Equal([HistoryKit.Key("~e")], update.Cards);
        Assert.Single(laptop.Current.Card(HistoryKit.Key("~a")).Ratings);
    }

    [Fact]
    public void A_reopened_history_takes_the_states_its_cache_kept_and_replays_none_of_them()
    {
        var cache = Path.Combine(_kit.Folder, "cache.db");
        var laptop = _kit.Repository(Root, "laptop", cache);
        laptop.Load();
        laptop.Append([HistoryKit.Rating("~a", 4, 0), HistoryKit.Rating("~a", 1, 30)]);
        laptop.Dispose();
        SqliteConnection.ClearAllPools();

        // A state kept for exactly these ratings is used as it is: marked here, so its use shows.
        using (var connection = HistoryKit.Connection(cache))
        {
            HistoryKit.Scalar(connection, "UPDATE derived SET state = replace(state, '\"lapses\":0', '\"lapses\":41')");
        }

        SqliteConnection.ClearAllPools();
        var again = _kit.Repository(Root, "laptop", cache);
        again.Load();

        Assert.Equal(41, again.Current.Card(HistoryKit.Key("~a")).State!.Lapses);
    }

    [Fact]
    public void Deleting_the_cache_loses_nothing()
    {
        var cache = Path.Combine(_kit.Folder, "cache.db");
        var laptop = _kit.Repository(Root, "laptop", cache);
        laptop.Load();
        laptop.Append([HistoryKit.Rating("~a", 4, 0), HistoryKit.Rating("~a", 1, 30)]);
        var before = HistoryProbe.Describe(laptop.Current);
        laptop.Dispose();
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(_kit.Folder, "cache.db*"))
        {
            File.Delete(file);
        }

        var again = _kit.Repository(Root, "laptop", cache);
        again.Load();

        Assert.Equal(before, HistoryProbe.Describe(again.Current));
        Assert.True(File.Exists(cache));
    }

    [Fact]
    public void A_damaged_cache_is_set_aside_and_the_history_read_from_the_logs()
    {
        var cache = Path.Combine(_kit.Folder, "cache.db");
        var laptop = _kit.Repository(Root, "laptop", cache);
        laptop.Load();
        laptop.Append([HistoryKit.Rating("~a", 4, 0)]);
        var before = HistoryProbe.Describe(laptop.Current);
        laptop.Dispose();
        SqliteConnection.ClearAllPools();
        File.WriteAllText(cache, "not a database at all, but long enough to be read as one: " + new string('x', 200));

        var again = _kit.Repository(Root, "laptop", cache);
        var warnings = new List<string>();
        again.Warn = warnings.Add;
        again.Load();

        Assert.Equal(before, HistoryProbe.Describe(again.Current));
        Assert.Contains(warnings, w => w.Contains("corrupt-", StringComparison.Ordinal));
    }

    [Fact]
    public void A_log_rewritten_rather_than_appended_to_is_read_again_from_the_start()
    {
        var laptop = _kit.Repository(Root, "laptop");
        var desktop = _kit.Repository(Root, "desktop");
        laptop.Load();
        desktop.Load();
        desktop.Append([HistoryKit.Rating("~a", 4, 0), HistoryKit.Rating("~b", 4, 1)]);
        laptop.Refresh();
        Assert.Equal(2, HistoryProbe.RatingsInForce(laptop.Current).Count);

        // A checkout of an older commit: the desktop's log holds one rating again.
        var lines = File.ReadAllLines(LogOf("desktop"));
        File.WriteAllLines(LogOf("desktop"), lines[..2]);
        laptop.Refresh();

        Assert.Equal([HistoryKit.Key("~a")], HistoryProbe.RatingsInForce(laptop.Current).Select(r => r.Key));
    }

    [Fact]
    public void A_log_that_vanished_takes_its_events_with_it()
    {
        var laptop = _kit.Repository(Root, "laptop");
        var desktop = _kit.Repository(Root, "desktop");
        laptop.Load();
        desktop.Append([HistoryKit.Rating("~a", 4, 0)]);
        laptop.Refresh();
        Assert.Single(HistoryProbe.RatingsInForce(laptop.Current));

        File.Delete(LogOf("desktop"));
        laptop.Refresh();

        Assert.Empty(HistoryProbe.RatingsInForce(laptop.Current));
    }
}
