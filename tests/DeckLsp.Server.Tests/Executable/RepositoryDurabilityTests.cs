using System.Text;
using System.Text.Json;
using DeckLsp.Core.History;
using DeckLsp.Server.History;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Tests.History;
using DeckLsp.Server.Tests.Protocol;

namespace DeckLsp.Server.Tests.Executable;

/// <summary>
/// The promises of a repository's history, on the real executable: a rating answered is in the device's log whatever
/// happens to the process after; a torn line never makes a log unreadable; two windows on one machine lose nothing.
/// </summary>
public sealed class RepositoryDurabilityTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Root => Path.Combine(_folder.Path, "decks");

    private Dictionary<string, string> Environment(string device = "laptop") => new()
    {
        ["XDG_DATA_HOME"] = Path.Combine(_folder.Path, "data"),
        ["DECKLSP_DEVICE"] = device,
    };

    private string LogOf(string device) => Path.Combine(Root, ".decklsp", "history", device + ".log");

    private string Deck(string name, int cards)
    {
        Directory.CreateDirectory(Path.Combine(Root, ".decklsp"));
        var text = new StringBuilder();
        for (var i = 0; i < cards; i++)
        {
            text.Append($"Q: {name} question {i}?\n\nA: {name} answer {i}.\n\n");
        }

        return _folder.Write(Path.Combine("decks", name + ".deck.md"), text.ToString());
    }

    private IReadOnlyList<RatingEvent> Logged(string device = "laptop")
    {
        var read = DeviceLog.Read(LogOf(device), device);
        Assert.Empty(read.Problems);
        return read.Events.OfType<RatingEvent>().ToList();
    }

    [Fact]
    public async Task Killing_the_server_mid_session_loses_no_acknowledged_rating()
    {
        var deck = Deck("kill", 120);
        int acknowledged;
        using (var server = ServerProcess.Start(Environment()))
        {
            var session = await server.OpenAndStartAsync(deck, new Uri(Root).AbsoluteUri);
            acknowledged = await server.KillDuringRatingsAsync(i => server.RateAsync(session, 2 + (i % 4)), ratings: 120, before: 30);
        }

        var logged = Logged();
        Assert.True(logged.Count >= acknowledged, $"{acknowledged} ratings were acknowledged but only {logged.Count} are in the log");
        Assert.True(acknowledged >= 30);
    }

    [Fact]
    public async Task A_torn_last_line_left_by_a_crash_is_skipped_and_the_next_rating_repairs_the_log()
    {
        var deck = Deck("torn", 5);
        using (var server = ServerProcess.Start(Environment()))
        {
            var session = await server.OpenAndStartAsync(deck, new Uri(Root).AbsoluteUri);
            await server.RateAsync(session, 4);
            await server.RateAsync(session, 3);
            server.KillHard();
        }

        // What a power cut in the middle of the next write leaves: part of a line, no line break.
        var torn = HistoryLine.Format(Logged()[^1] with { Id = new EventId("laptop", 99) })[..25];
        await File.AppendAllTextAsync(LogOf("laptop"), torn);
        Assert.Equal(2, DeviceLog.Read(LogOf("laptop"), "laptop").Events.OfType<RatingEvent>().Count());

        using (var server = ServerProcess.Start(Environment()))
        {
            var session = await server.OpenAndStartAsync(deck, new Uri(Root).AbsoluteUri);
            await server.RateAsync(session, 5);
        }

        Assert.DoesNotContain(torn, await File.ReadAllTextAsync(LogOf("laptop")));
        Assert.Equal(3, Logged().Count);
        var events = DeviceLog.Read(LogOf("laptop"), "laptop").Events;
        Assert.Equal(Enumerable.Range(1, events.Count).Select(n => (long)n), events.Select(e => e.Id.Sequence));
    }

    [Fact]
    public async Task Two_server_processes_of_one_machine_appending_at_once_lose_nothing()
    {
        const int Cards = 40;
        using var first = ServerProcess.Start(Environment());
        using var second = ServerProcess.Start(Environment());
        var sessions = await Task.WhenAll(first.OpenAndStartAsync(Deck("left", Cards), new Uri(Root).AbsoluteUri), second.OpenAndStartAsync(Deck("right", Cards), new Uri(Root).AbsoluteUri));

        async Task RateAll(ServerProcess server, string session)
        {
            for (var i = 0; i < Cards; i++)
            {
                await server.RateAsync(session, 5);
            }
        }

        await Task.WhenAll(RateAll(first, sessions[0]), RateAll(second, sessions[1]));

        var all = DeviceLog.Read(LogOf("laptop"), "laptop");
        Assert.Empty(all.Problems);
        Assert.Equal(2 * Cards, all.Events.OfType<RatingEvent>().Count());
        Assert.Equal(all.Events.Count, all.Events.Select(e => e.Id.Sequence).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, all.Events.Count).Select(n => (long)n), all.Events.Select(e => e.Id.Sequence));
    }

    [Fact]
    public async Task A_rating_the_disk_refuses_is_refused_and_the_history_holds_exactly_what_was_acknowledged()
    {
        var deck = Deck("full", 4);
        using var server = ServerProcess.Start(Environment());
        var session = await server.OpenAndStartAsync(deck, new Uri(Root).AbsoluteUri);
        await server.RateAsync(session, 4);

        // The disk is full: every write to the log fails (Linux's /dev/full answers each write with ENOSPC).
        var log = LogOf("laptop");
        File.Move(log, log + ".aside");
        File.CreateSymbolicLink(log, "/dev/full");
        var refused = await Assert.ThrowsAsync<StreamJsonRpc.RemoteInvocationException>(() => server.RateAsync(session, 3));

        File.Delete(log);
        File.Move(log + ".aside", log);
        await server.RateAsync(session, 5);

        Assert.Contains("space", refused.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal([4, 5], Logged().Select(r => r.Rating));
    }

    [Fact]
    public async Task Reviewing_never_writes_a_byte_into_the_deck()
    {
        var deck = Deck("untouched", 3);
        var before = await File.ReadAllBytesAsync(deck);
        using (var server = ServerProcess.Start(Environment()))
        {
            var session = await server.OpenAndStartAsync(deck, new Uri(Root).AbsoluteUri);
            await server.RateAsync(session, 4);
            await server.RateAsync(session, 1);
            await server.RateAsync(session, 5);
        }

        Assert.Equal(before, await File.ReadAllBytesAsync(deck));
        Assert.Equal(3, Logged().Count);
    }
}
