using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DeckLsp.Core.History;
using DeckLsp.Core.Identity;
using DeckLsp.Core.Reviews;
using DeckLsp.Core.Scheduling;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Reviews;

namespace DeckLsp.Server.Tests.Executable;

/// <summary>
/// Load balancing through the real server processes: a rating takes the empty day of its fuzz range, the day is
/// recorded in the log, and another machine's server, reading the same history, derives the same due date.
/// </summary>
public sealed partial class LoadBalanceProcessTests : IDisposable
{
    private const string Path = "balance.deck.md";
    private static readonly DeckKey Deck = DeckKey.OfId("balance");
    private static readonly ReviewKey Target = new(Deck, new CardKey("target"));
    private const int CardsPerLoadedDay = 4;
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    /// <summary>
    /// The plan of one test: the target card's history (due now), its Good rating's plain interval and fuzz range, the
    /// empty day that balancing must choose, and the other cards' history, due on every other day of the range.
    /// </summary>
    internal sealed record Layout(int Plain, int Min, int Max, int EmptyDay, string Deck, string Log);

    /// <summary>The deck (<c>balance.deck.md</c>) and the history log (<c>past.log</c>) of a test rating the target at <paramref name="now"/>.</summary>
    internal static Layout Plan(DateTimeOffset now)
    {
        var replay = ReviewSettings.Default.Replay();
        var device = "past";
        var sequence = 0L;
        var events = new List<HistoryEvent>();
        RatingEvent Rate(ReviewKey key, int rating, DateTimeOffset at)
        {
            var e = new RatingEvent(new EventId(device, ++sequence), HistoryLine.Truncate(at), key, rating, 3000);
            events.Add(e);
            return e;
        }

        // The target: Good through its learning steps eight days ago, so overdue now.
        var learnt = now.AddDays(-8);
        var before = replay.Apply(Target.ToString(), null, 4, Rate(Target, 4, learnt).At);
        before = replay.Apply(Target.ToString(), before, 4, Rate(Target, 4, learnt.AddMinutes(10)).At);
        var plain = replay.Apply(Target.ToString(), before, 4, now);
        var (_, min, max) = replay.Scheduler.FuzzRange(before, plain, now)!.Value;
        var (_, _, hardMax) = replay.Scheduler.FuzzRange(before, replay.Apply(Target.ToString(), before, 3, now), now)!.Value;
        // Good must take a later day than Hard, so the empty day is one Hard cannot take; and not the day the fuzz gives.
        var empty = Enumerable.Range(min, max - min + 1).First(d => d != plain.ScheduledDays && d > hardMax);

        // Every other day of the range gets cards rated Easy twice, the second time when due, timed so they fall due
        // exactly that many days from now (an Easy-Easy card's intervals depend only on its key, not on when).
        var deck = new StringBuilder("---\ntitle: Balance\nid: balance\n---\n\nQ: The card to rate?\n\nA: Now. <!-- id: target -->\n");
        for (var day = min; day <= max; day++)
        {
            for (var i = 0; day != empty && i < CardsPerLoadedDay; i++)
            {
                var id = $"load-{day}-{i}";
                var key = new ReviewKey(Deck, new CardKey(id));
                var reference = new DateTimeOffset(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);
                var first = replay.Apply(key.ToString(), null, 5, reference);
                var second = replay.Apply(key.ToString(), first, 5, first.Due);
                Assert.True(second.ScheduledDays > day, $"{id}: its interval {second.ScheduledDays} cannot end {day} days from now");
                var secondAt = now.AddDays(day - second.ScheduledDays);
                Rate(key, 5, secondAt.AddDays(-first.ScheduledDays));
                Rate(key, 5, secondAt);
                deck.Append(CultureInfo.InvariantCulture, $"\nQ: Load {day}/{i}?\n\nA: Yes. <!-- id: {id} -->\n");
            }
        }

        var log = new StringBuilder(HistoryLine.Header + "\n");
        foreach (var e in events)
        {
            log.Append(HistoryLine.Format(e)).Append('\n');
        }

        Assert.True(plain.ScheduledDays != empty, "the empty day must differ from the plain fuzzed day, or balancing shows nothing");
        return new Layout(plain.ScheduledDays, min, max, empty, deck.ToString(), log.ToString());
    }

    private (Machine Laptop, Machine Desktop, Layout Layout) Machines()
    {
        var layout = Plan(DateTimeOffset.UtcNow);
        var origin = Machine.Origin(_folder.Path, new Dictionary<string, string>
        {
            [Path] = layout.Deck,
            [".decklsp/history/past.log"] = layout.Log,
        });
        return (Machine.CloneOf(_folder.Path, origin, "laptop"), Machine.CloneOf(_folder.Path, origin, "desktop"), layout);
    }

    // The target's "due now" or "due in …", as the hover on its question line says it.
    private static async Task<string> DueOfTarget(Machine.Session session, Machine machine)
    {
        var line = Array.FindIndex(File.ReadAllLines(machine.Deck(Path)), l => l.StartsWith("Q: The card to rate?", StringComparison.Ordinal));
        var hover = await session.Request(Methods.Hover, new { textDocument = new { uri = machine.Uri(Path) }, position = new { line, character = 0 } });
        var text = hover.GetProperty("contents").GetProperty("value").GetString()!;
        return Due().Match(text) is { Success: true } match ? match.Groups[1].Value : $"no due date in the hover: {text}";
    }

    private static async Task<JsonElement> RateTargetGood(Machine.Session session)
    {
        var step = await session.StartAsync(Path, mode: "due");
        Assert.Contains("The card to rate?", step.GetProperty("card").GetProperty("frontHtml").GetString(), StringComparison.Ordinal);
        return await session.RateAsync(step, 4);
    }

    [Fact]
    public async Task A_balanced_rating_takes_the_empty_day_and_another_machine_derives_the_same_due_date()
    {
        var (laptop, desktop, layout) = Machines();
        string laptopDue;
        await using (var session = await laptop.ServeAsync())
        {
            await session.OpenAsync(Path);
            var step = await session.StartAsync(Path, mode: "due");
            // The Good button says where the rating will put the card.
            Assert.Contains("The card to rate?", step.GetProperty("card").GetProperty("frontHtml").GetString(), StringComparison.Ordinal);
            Assert.Equal($"{layout.EmptyDay}d", step.GetProperty("card").GetProperty("intervals")[3].GetString());
            await session.RateAsync(step, 4);
            laptopDue = await DueOfTarget(session, laptop);
        }

        Assert.Equal($"due in {layout.EmptyDay}d", laptopDue);
        var recorded = File.ReadAllLines(System.IO.Path.Combine(laptop.Clone, ".decklsp", "history", "laptop.log")).Where(l => l.StartsWith("b\t", StringComparison.Ordinal)).ToList();
        Assert.Single(recorded);
        Assert.EndsWith($"\t{layout.EmptyDay}", recorded[0]);

        laptop.Sync("Rated the target on the laptop");
        desktop.Git("pull", "--no-rebase", "--no-edit", "origin", "main");

        // The desktop balances nothing itself: the day comes from the log.
        await using var desktopSession = await desktop.ServeAsync(new { loadBalance = false });
        await desktopSession.OpenAsync(Path);
        Assert.Equal(laptopDue, await DueOfTarget(desktopSession, desktop));
        Assert.NotEqual($"due in {layout.Plain}d", laptopDue);
    }

    [Fact]
    public async Task With_load_balancing_off_the_rating_takes_its_fuzzed_day_and_records_none()
    {
        var (laptop, _, layout) = Machines();
        await using var session = await laptop.ServeAsync(new { loadBalance = false });
        await session.OpenAsync(Path);

        await RateTargetGood(session);

        Assert.Equal($"due in {layout.Plain}d", await DueOfTarget(session, laptop));
        Assert.DoesNotContain(File.ReadAllLines(System.IO.Path.Combine(laptop.Clone, ".decklsp", "history", "laptop.log")), l => l.StartsWith("b\t", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Undoing_a_balanced_rating_brings_the_card_back_as_it_was()
    {
        var (laptop, desktop, _) = Machines();
        await using (var session = await laptop.ServeAsync())
        {
            await session.OpenAsync(Path);
            Assert.Equal("due now", await DueOfTarget(session, laptop));
            var step = await RateTargetGood(session);
            Assert.StartsWith("due in ", await DueOfTarget(session, laptop), StringComparison.Ordinal);
            await session.UndoAsync(step);
            Assert.Equal("due now", await DueOfTarget(session, laptop));
        }

        laptop.Sync("Rated and undid");
        desktop.Git("pull", "--no-rebase", "--no-edit", "origin", "main");
        await using var desktopSession = await desktop.ServeAsync();
        await desktopSession.OpenAsync(Path);
        Assert.Equal("due now", await DueOfTarget(desktopSession, desktop));
    }

    [GeneratedRegex(@"(due now|due in \S+?)(?: ·|$)", RegexOptions.Multiline)]
    private static partial Regex Due();
}
