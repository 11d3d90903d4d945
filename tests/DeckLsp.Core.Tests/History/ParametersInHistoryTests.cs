using DeckLsp.Core.History;
using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.Tests.History;

/// <summary>Fitted parameters as an event of the history: every card is re-derived with the latest, on every machine.</summary>
public class ParametersInHistoryTests
{
    private static readonly double[] Fitted = [0.6, 2.4, 4.9, 14.0, 6.9, 0.55, 2.2, 0.02, 1.55, 0.12, 1.05, 1.7, 0.09, 0.35, 1.2, 0.45, 2.3, 0.4, 0.2, 0.1, 0.3];
    private static readonly double[] Other = [0.3, 1.5, 3.0, 9.0, 6.4, 0.8, 3.0, 0.01, 1.8, 0.17, 0.8, 1.5, 0.06, 0.26, 1.6, 0.6, 1.9, 0.5, 0.1, 0.07, 0.2];

    private static CardMemory? ScheduledWith(IReadOnlyList<double> weights, params RatingEvent[] ratings)
    {
        var replay = HistoryEvents.Replay.WithWeights(weights);
        CardMemory? state = null;
        foreach (var rating in ratings)
        {
            state = replay.Apply(rating.Key.ToString(), state, rating.Rating, rating.At);
        }

        return state;
    }

    [Fact]
    public void Parameters_reschedule_every_rating_earlier_or_later()
    {
        var laptop = new HistoryEvents("laptop");
        var (first, second) = (laptop.Rate("~a", 3, 0), laptop.Rate("~a", 3, 48));
        var history = ReviewHistory.Build(HistoryEvents.Replay, [first, laptop.Parameters(Fitted, 24), second]);

        Assert.Equal(Fitted, history.Parameters!.Parameters);
        Assert.Equal(ScheduledWith(Fitted, first, second), history.Card(HistoryEvents.Key("~a")).State);
        Assert.NotEqual(HistoryEvents.Scheduled(HistoryEvents.Key("~a"), [first, second]), history.Card(HistoryEvents.Key("~a")).State);
    }

    [Fact]
    public void Accepting_parameters_re_derives_every_card()
    {
        var laptop = new HistoryEvents("laptop");
        var history = ReviewHistory.Build(HistoryEvents.Replay, [laptop.Rate("~a", 3, 0), laptop.Rate("~b", 1, 1)]);

        var update = history.With([laptop.Parameters(Fitted, 30)]);

        Assert.Equal(["~a", "~b"], update.Cards.Select(k => k.Card.Value).Order(StringComparer.Ordinal));
        Assert.NotEqual(history.Card(HistoryEvents.Key("~a")).State, update.History.Card(HistoryEvents.Key("~a")).State);
    }

    [Fact]
    public void The_latest_parameters_win_whatever_order_they_arrive_in()
    {
        var (laptop, desktop) = (new HistoryEvents("laptop"), new HistoryEvents("desktop"));
        var rating = laptop.Rate("~a", 3, 0);
        var older = laptop.Parameters(Other, 10);
        var newer = desktop.Parameters(Fitted, 20);

        var one = ReviewHistory.Build(HistoryEvents.Replay, [rating, older]).With([newer]).History;
        var other = ReviewHistory.Build(HistoryEvents.Replay, [rating, newer]).With([older]).History;

        Assert.Equal(newer, one.Parameters);
        Assert.Equal(newer, other.Parameters);
        Assert.Equal(one.Card(HistoryEvents.Key("~a")).State, other.Card(HistoryEvents.Key("~a")).State);
        Assert.Equal(ScheduledWith(Fitted, rating), one.Card(HistoryEvents.Key("~a")).State);
    }

    [Fact]
    public void A_state_kept_from_before_the_parameters_is_derived_again()
    {
        var laptop = new HistoryEvents("laptop");
        var rating = laptop.Rate("~a", 3, 0);
        var before = ReviewHistory.Build(HistoryEvents.Replay, [rating]);
        var keptBefore = new ReviewHistory.KeptState(before.Card(HistoryEvents.Key("~a")).State, before.KeptDigest([rating]));

        var after = ReviewHistory.Build(HistoryEvents.Replay, [rating, laptop.Parameters(Fitted, 1)],
            new Dictionary<DeckLsp.Core.Identity.ReviewKey, ReviewHistory.KeptState> { [HistoryEvents.Key("~a")] = keptBefore });

        Assert.NotEqual(before.KeptDigest([rating]), after.KeptDigest([rating]));
        Assert.Equal(ScheduledWith(Fitted, rating), after.Card(HistoryEvents.Key("~a")).State);
    }
}
