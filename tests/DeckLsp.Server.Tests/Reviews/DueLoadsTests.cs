using DeckLsp.Core.History;
using DeckLsp.Core.Identity;
using DeckLsp.Core.Reviews;
using DeckLsp.Core.Scheduling;
using DeckLsp.Server.Reviews;

namespace DeckLsp.Server.Tests.Reviews;

/// <summary>
/// The load carried from snapshot to snapshot (<see cref="DueLoads.Carry"/>) must be the full count's, day for day:
/// every machine balances from the load its history counts to, so a carried load that drifted would choose other days.
/// </summary>
public sealed class DueLoadsTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly DeckKey Deck = new("p0000000001");
    private static readonly ReviewReplay Replay = new(new FsrsScheduler(new FsrsOptions { EnableFuzz = true }), RatingScale.Default);
    private static readonly double[] Fitted = [0.6, 2.4, 4.9, 14.0, 6.9, 0.55, 2.2, 0.02, 1.55, 0.12, 1.05, 1.7, 0.09, 0.35, 1.2, 0.45, 2.3, 0.4, 0.2, 0.1, 0.3];

    // West of UTC, so a review's local day is often not its UTC day.
    private static readonly TimeZoneInfo Zone = TimeZoneInfo.CreateCustomTimeZone("test-7", TimeSpan.FromHours(-7), "test-7", "test-7");

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void CarriedLoadEqualsAFullCountAfterEveryUpdate(int seed)
    {
        var random = new Random(seed);
        var cards = Enumerable.Range(0, 30).Select(i => $"c{i}").ToList();
        var sequences = new Dictionary<string, long>();
        EventId Next(string device) => new(device, sequences[device] = sequences.GetValueOrDefault(device) + 1);
        ReviewKey Key(string card) => new(Deck, new CardKey(card));

        var history = ReviewHistory.Empty(Replay);
        var ratings = new List<RatingEvent>();
        var now = Start;
        var carried = 0;
        _ = DueLoads.Of(history, Zone);
        for (var step = 0; step < 300; step++)
        {
            now = now.AddHours(random.Next(1, 30));
            var card = cards[random.Next(cards.Count)];
            var events = new List<HistoryEvent>();
            switch (random.Next(10))
            {
                case < 5:
                {
                    // A rating here, with the day the balancer chooses from the load carried so far, as a session logs it.
                    var rating = new RatingEvent(Next("here"), now, Key(card), random.Next(1, 6), 1000);
                    events.Add(rating);
                    var (_, days) = Replay.Balance(card, history.Card(Key(card)).State, rating.Rating, now, DueLoads.Of(history, Zone));
                    if (days is { } chosen)
                    {
                        events.Add(new BalancedEvent(Next("here"), now, rating.Key, rating.Id.Sequence, chosen));
                    }

                    ratings.Add(rating);
                    break;
                }

                case 5 when ratings.Count > 0:
                    var undone = ratings[random.Next(ratings.Count)];
                    events.Add(new UndoEvent(Next("here"), now, undone.Key, undone.Id));
                    break;
                case 6:
                    events.Add(new RatingEvent(Next("here"), now, Key(card), random.Next(1, 6), 1000, Cram: true));
                    break;
                case 7:
                    // Another device's ratings, logged earlier and read only now: they land before ones already in.
                    for (var i = random.Next(1, 4); i > 0; i--)
                    {
                        var other = new RatingEvent(Next("there"), now.AddHours(-random.Next(1, 200)), Key(cards[random.Next(cards.Count)]), random.Next(1, 6), 1000);
                        events.Add(other);
                        ratings.Add(other);
                    }

                    break;
                case 8:
                    // A key moved (an edit changed the card's text): its ratings go to the new key.
                    var to = $"m{step}";
                    events.Add(new KeyMovedEvent(Next("here"), now, Deck, new CardKey(card), new CardKey(to)));
                    cards[cards.IndexOf(card)] = to;
                    break;
                default:
                    if (step % 3 == 0)
                    {
                        // New parameters re-derive every card.
                        events.Add(new ParametersEvent(Next("here"), now, Fitted.Select(w => w * (1 + (random.NextDouble() - 0.5) / 10)).ToArray()));
                    }

                    break;
            }

            var update = history.With(events);
            if (DueLoads.Carry(update) is { } load)
            {
                carried++;
                Assert.Equal(Sorted(DueLoads.Count(update.History, Zone)), Sorted(load));
                Assert.Same(load, DueLoads.Of(update.History, Zone));
            }

            history = update.History;
        }

        Assert.True(carried > 150, $"only {carried} of 300 updates carried a load");
        Assert.NotEmpty(DueLoads.Of(history, Zone).Days);
    }

    [Fact]
    public void NothingIsCarriedFromAHistoryWhoseLoadWasNeverCounted()
    {
        var history = ReviewHistory.Empty(Replay);
        var update = history.With([new RatingEvent(new EventId("here", 1), Start, new ReviewKey(Deck, new CardKey("a")), 3, 1000)]);

        Assert.Null(DueLoads.Carry(update));
        Assert.Equal(Sorted(DueLoads.Count(update.History, Zone)), Sorted(DueLoads.Of(update.History, Zone)));
    }

    [Fact]
    public void AnAppendedRatingCarriesTheLoadOfTheSnapshotBefore()
    {
        using var kit = new History.HistoryKit();
        var source = kit.Database();
        source.Load();
        source.Append([History.HistoryKit.Rating("a", 3, 0), History.HistoryKit.Rating("b", 4, 0)]);
        _ = DueLoads.Of(source.Current, Zone);

        source.Append([History.HistoryKit.Rating("a", 3, 30), History.HistoryKit.Rating("c", 3, 30)]);

        var known = DueLoads.Known(source.Current);
        Assert.NotNull(known);
        Assert.Equal(Sorted(DueLoads.Count(source.Current, Zone)), Sorted(known));
    }

    private static List<KeyValuePair<DateOnly, int>> Sorted(DueLoad load) => [.. load.Days.OrderBy(p => p.Key)];
}
