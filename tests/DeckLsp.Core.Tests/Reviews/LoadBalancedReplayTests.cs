using DeckLsp.Core.Reviews;
using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.Tests.Reviews;

/// <summary>
/// Ratings scheduled by the load balancer: the day comes from the load at rating time, is recorded when a replay would
/// not find it, and a replay honours a recorded day while it lies in the rating's fuzz range.
/// </summary>
public sealed class LoadBalancedReplayTests
{
    private const string Key = "p0000000001/~card";
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly ReviewReplay Replay = new(new FsrsScheduler(new FsrsOptions { EnableFuzz = true }), RatingScale.Default);

    private static DateOnly UtcDay(DateTimeOffset time) => DateOnly.FromDateTime(time.UtcDateTime);

    // A card rated Good through its learning steps, so in review: its next Good interval, at its due time, is some weeks.
    private static CardMemory Reviewed(string key = Key)
    {
        var card = Replay.Apply(key, null, 4, Start);
        return Replay.Apply(key, card, 4, Start.AddMinutes(10));
    }

    // A load with <paramref name="heavy"/> cards due on each of the days after <paramref name="now"/>, but the days given.
    private static DueLoad LoadAround(DateTimeOffset now, int heavy, IReadOnlyDictionary<int, int> except)
    {
        var states = new List<CardMemory>();
        for (var days = 1; days <= 120; days++)
        {
            var count = except.TryGetValue(days, out var light) ? light : heavy;
            for (var i = 0; i < count; i++)
            {
                states.Add(new CardMemory(CardState.Review, now.AddDays(days), 10, 5, days, 0, 3, 0, now));
            }
        }

        return DueLoad.Of(states, UtcDay);
    }

    // The card's Good rating at its due time, its fuzz range, and a day of the range the replay does not give by itself
    // and Hard cannot take (an empty day in both ranges goes to Hard, and Good must be later).
    private static (CardMemory Card, CardMemory Plain, int Min, int Max, int Target) GoodRating()
    {
        var card = Reviewed();
        var plain = Replay.Apply(Key, card, 4, card.Due);
        var (_, min, max) = Replay.Scheduler.FuzzRange(card, plain, card.Due)!.Value;
        var (_, _, hardMax) = Replay.Scheduler.FuzzRange(card, Replay.Apply(Key, card, 3, card.Due), card.Due)!.Value;
        var target = Enumerable.Range(min, max - min + 1).First(d => d != plain.ScheduledDays && d > hardMax);
        return (card, plain, min, max, target);
    }

    [Fact]
    public void The_empty_day_of_the_fuzz_range_is_chosen_and_recorded()
    {
        var (card, plain, min, max, target) = GoodRating();
        var now = card.Due;

        var (after, recorded) = Replay.Balance(Key, card, 4, now, LoadAround(now, 40, new Dictionary<int, int> { [target] = 0 }));

        Assert.True(max - min >= 2 && max <= LoadBalancer.LongestBalancedInterval, $"the range {min}–{max} is too narrow or too far to show anything");
        Assert.Equal(target, after.ScheduledDays);
        Assert.Equal(now.AddDays(target), after.Due);
        Assert.Equal(target, recorded);
        Assert.Equal(plain with { ScheduledDays = target, Due = now.AddDays(target) }, after);
    }

    [Fact]
    public void Nothing_is_recorded_when_the_balanced_day_is_the_one_a_replay_finds_anyway()
    {
        var (card, plain, _, _, _) = GoodRating();

        var (after, recorded) = Replay.Balance(Key, card, 4, card.Due, LoadAround(card.Due, 40, new Dictionary<int, int> { [plain.ScheduledDays] = 0 }));

        Assert.Equal(plain, after);
        Assert.Null(recorded);
    }

    [Fact]
    public void A_replay_with_the_recorded_day_gives_the_balanced_state()
    {
        var (card, plain, _, _, target) = GoodRating();
        var now = card.Due;
        var (balanced, recorded) = Replay.Balance(Key, card, 4, now, LoadAround(now, 25, new Dictionary<int, int> { [target] = 0 }));

        Assert.Equal(balanced, Replay.Apply(Key, card, 4, now, recorded));
        Assert.NotEqual(plain, balanced);
    }

    [Fact]
    public void A_recorded_day_outside_the_fuzz_range_falls_back_to_the_plain_schedule()
    {
        var (card, plain, min, max, _) = GoodRating();

        Assert.Equal(plain, Replay.Apply(Key, card, 4, card.Due, max + 3));
        Assert.Equal(plain, Replay.Apply(Key, card, 4, card.Due, min - 1));
        Assert.Equal(plain, Replay.Apply(Key, card, 4, card.Due, recordedDays: null));
    }

    [Fact]
    public void A_recorded_day_does_not_move_a_learning_step()
    {
        var learning = Replay.Apply(Key, null, 1, Start);

        Assert.Equal(Replay.Apply(Key, learning, 3, Start.AddMinutes(1)), Replay.Apply(Key, learning, 3, Start.AddMinutes(1), 5));
    }

    [Fact]
    public void A_new_card_learning_steps_are_not_balanced()
    {
        var (after, recorded) = Replay.Balance(Key, null, 3, Start, LoadAround(Start, 40, new Dictionary<int, int>()));

        Assert.Equal(Replay.Apply(Key, null, 3, Start), after);
        Assert.Null(recorded);
    }

    [Fact]
    public void Intervals_beyond_ninety_days_are_not_balanced()
    {
        var card = Replay.Apply(Key, null, 5, Start);
        while (Replay.Apply(Key, card, 5, card.Due).ScheduledDays <= LoadBalancer.LongestBalancedInterval + 10)
        {
            card = Replay.Apply(Key, card, 5, card.Due);
        }

        var plain = Replay.Apply(Key, card, 5, card.Due);
        var (after, recorded) = Replay.Balance(Key, card, 5, card.Due, LoadAround(card.Due, 3, new Dictionary<int, int>()));

        Assert.Equal(plain, after);
        Assert.Null(recorded);
    }

    [Fact]
    public void Each_label_is_the_interval_its_rating_then_gives()
    {
        for (var i = 0; i < 40; i++)
        {
            var key = $"p0000000001/~card{i}";
            var card = Reviewed(key);
            var now = card.Due;
            var load = LoadAround(now, 10 + i, new Dictionary<int, int> { [3 + (i % 9)] = i % 4, [5 + (i % 13)] = 1 });

            var labels = Replay.IntervalLabels(key, card, now, load);

            for (var rating = 1; rating <= 5; rating++)
            {
                Assert.Equal(FsrsScheduler.FormatInterval(Replay.Balance(key, card, rating, now, load).After.Due - now), labels[rating - 1]);
            }
        }
    }

    [Fact]
    public void Balanced_passing_grades_stay_in_order()
    {
        for (var i = 0; i < 60; i++)
        {
            var key = $"p0000000001/~order{i}";
            var card = Reviewed(key);
            var now = card.Due;
            // One empty day that Hard, Good and Easy would all like to take.
            var load = LoadAround(now, 30, new Dictionary<int, int> { [4 + (i % 20)] = 0 });

            var (hard, good, easy) = (Replay.Balance(key, card, 3, now, load).After, Replay.Balance(key, card, 4, now, load).After, Replay.Balance(key, card, 5, now, load).After);

            Assert.True(hard.ScheduledDays < good.ScheduledDays && good.ScheduledDays < easy.ScheduledDays,
                $"{key}: hard {hard.ScheduledDays}, good {good.ScheduledDays}, easy {easy.ScheduledDays}");
        }
    }

    [Fact]
    public void The_card_itself_does_not_count_in_the_load_of_its_own_due_day()
    {
        var card = new CardMemory(CardState.Review, Start.AddDays(3), 10, 5, 3, 0, 3, 0, Start);
        var load = DueLoad.Of([card, card with { Due = Start.AddDays(4) }], UtcDay);

        Assert.Equal(0, load.On(Start.AddDays(3), card));
        Assert.Equal(1, load.On(Start.AddDays(4), card));
        var moved = load.Moved(card, card with { Due = Start.AddDays(4) });
        Assert.Equal(0, moved.On(UtcDay(Start.AddDays(3))));
        Assert.Equal(2, moved.On(UtcDay(Start.AddDays(4))));
    }
}
