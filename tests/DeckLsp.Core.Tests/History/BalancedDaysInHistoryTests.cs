using DeckLsp.Core.History;
using DeckLsp.Core.Identity;
using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.Tests.History;

/// <summary>
/// The days the load balancer chose, as events of the history: every machine that holds the logs derives the same due
/// dates from them, in any order; undo and fitted parameters work as for any rating.
/// </summary>
public class BalancedDaysInHistoryTests
{
    private static readonly ReviewKey Card = HistoryEvents.Key("~a");

    // Two ratings that bring "~a" into review, and a third, a review whose Good interval has a fuzz range of several days.
    private static (RatingEvent[] Ratings, CardMemory Before, CardMemory Plain, int Other) Reviewed(HistoryEvents device)
    {
        var first = device.Rate("~a", 4, 0);
        var second = device.Rate("~a", 4, 0.2);
        var before = HistoryEvents.Scheduled(Card, [first, second])!;
        var third = device.Rate("~a", 4, (before.Due - HistoryEvents.Start).TotalHours + 24);
        var plain = HistoryEvents.Replay.Apply(Card.ToString(), before, 4, third.At);
        var (_, min, max) = HistoryEvents.Replay.Scheduler.FuzzRange(before, plain, third.At)!.Value;
        return ([first, second, third], before, plain, plain.ScheduledDays == max ? min : max);
    }

    [Fact]
    public void A_recorded_day_is_the_cards_due_day()
    {
        var laptop = new HistoryEvents("laptop");
        var (ratings, _, plain, other) = Reviewed(laptop);

        var history = ReviewHistory.Build(HistoryEvents.Replay, [.. ratings, laptop.Balanced(ratings[2], other)]);

        var state = history.Card(Card).State!;
        Assert.Equal(other, state.ScheduledDays);
        Assert.Equal(ratings[2].At.AddDays(other), state.Due);
        Assert.Equal(plain with { ScheduledDays = other, Due = ratings[2].At.AddDays(other) }, state);
        Assert.Equal(other, history.RecordedDays(ratings[2].Id));
    }

    [Fact]
    public void The_same_logs_derive_the_same_dates_whatever_order_and_batches_they_arrive_in()
    {
        var (laptop, desktop) = (new HistoryEvents("laptop"), new HistoryEvents("desktop"));
        var (ratings, _, _, other) = Reviewed(laptop);
        var day = laptop.Balanced(ratings[2], other);
        var elsewhere = desktop.Rate("~b", 3, 5);

        var together = ReviewHistory.Build(HistoryEvents.Replay, [.. ratings, day, elsewhere]);
        var dayFirst = ReviewHistory.Build(HistoryEvents.Replay, [day, elsewhere, .. ratings.Reverse()]);
        var dayLater = ReviewHistory.Build(HistoryEvents.Replay, [elsewhere, .. ratings]).With([day]);

        Assert.Equal(together.Card(Card).State, dayFirst.Card(Card).State);
        Assert.Equal(together.Card(Card).State, dayLater.History.Card(Card).State);
        Assert.Contains(Card, dayLater.Cards);
    }

    [Fact]
    public void Undoing_a_balanced_rating_takes_its_day_back_with_it()
    {
        var laptop = new HistoryEvents("laptop");
        var (ratings, before, _, other) = Reviewed(laptop);

        var history = ReviewHistory.Build(HistoryEvents.Replay,
            [.. ratings, laptop.Balanced(ratings[2], other), laptop.Undo(ratings[2], 200)]);

        Assert.Equal(before, history.Card(Card).State);
    }

    [Fact]
    public void Fitted_parameters_keep_a_recorded_day_that_is_still_in_range_and_else_fall_back()
    {
        double[] fitted = [0.6, 2.4, 4.9, 14.0, 6.9, 0.55, 2.2, 0.02, 1.55, 0.12, 1.05, 1.7, 0.09, 0.35, 1.2, 0.45, 2.3, 0.4, 0.2, 0.1, 0.3];
        var laptop = new HistoryEvents("laptop");
        var (ratings, _, _, other) = Reviewed(laptop);
        var refitted = HistoryEvents.Replay.WithWeights(fitted);
        CardMemory? expected = null;
        foreach (var rating in ratings)
        {
            expected = refitted.Apply(Card.ToString(), expected, rating.Rating, rating.At, rating == ratings[2] ? other : null);
        }

        var history = ReviewHistory.Build(HistoryEvents.Replay, [.. ratings, laptop.Balanced(ratings[2], other), laptop.Parameters(fitted, 300)]);

        Assert.Equal(expected, history.Card(Card).State);
    }

    [Fact]
    public void A_state_kept_from_before_its_day_arrived_is_derived_again()
    {
        var laptop = new HistoryEvents("laptop");
        var (ratings, _, plain, other) = Reviewed(laptop);
        var without = ReviewHistory.Build(HistoryEvents.Replay, ratings);
        var kept = new ReviewHistory.KeptState(without.Card(Card).State, without.KeptDigest(ratings));

        var with = ReviewHistory.Build(HistoryEvents.Replay, [.. ratings, laptop.Balanced(ratings[2], other)],
            new Dictionary<ReviewKey, ReviewHistory.KeptState> { [Card] = kept });

        Assert.Equal(plain, without.Card(Card).State);
        Assert.NotEqual(without.KeptDigest(ratings), with.KeptDigest(ratings));
        Assert.Equal(other, with.Card(Card).State!.ScheduledDays);
    }

    [Fact]
    public void A_day_logged_under_a_key_that_moved_follows_its_rating()
    {
        var laptop = new HistoryEvents("laptop");
        var (ratings, _, _, other) = Reviewed(laptop);

        var history = ReviewHistory.Build(HistoryEvents.Replay, [.. ratings, laptop.Balanced(ratings[2], other), laptop.Move("~a", "named", 400)]);

        Assert.Equal(other, history.Card(HistoryEvents.Key("named")).State!.ScheduledDays);
    }
}
