using DeckLsp.Core.Reviews;
using DeckLsp.Core.Scheduling;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DeckLsp.Core.Tests.Reviews;

/// <summary>
/// Replaying the raw log: deterministic even with fuzz, equal to scheduling one rating at a time, and re-derived
/// when the rating scale changes.
/// </summary>
public class ReviewReplayTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 3, 8, 0, 0, TimeSpan.Zero);
    private static readonly FsrsOptions Fuzzed = new() { EnableFuzz = true };

    private static ReviewReplay Replay(RatingScale? scale = null) => new(new FsrsScheduler(Fuzzed), scale ?? RatingScale.Default);

    /// <summary>A log of ratings for one card, each some minutes after the previous.</summary>
    public sealed record Log(string Key, (int Rating, int MinutesLater)[] Reviews)
    {
        public IReadOnlyList<ReviewEvent> Events()
        {
            var at = Start;
            var events = new List<ReviewEvent>();
            foreach (var (rating, minutes) in Reviews)
            {
                at = at.AddMinutes(minutes);
                events.Add(new ReviewEvent(Key, rating, at, 4000));
            }

            return events;
        }

        public override string ToString() => $"{Key}: {string.Join(" ", Reviews.Select(r => $"{r.Rating}@+{r.MinutesLater}m"))}";
    }

    public static Arbitrary<Log> Logs() =>
        (from key in Gen.Elements("card-a", "k:7f3e", "x#c2")
         from count in Gen.Choose(1, 14)
         from reviews in Gen.Zip(Gen.Choose(1, 5), Gen.Elements(0, 1, 10, 600, 1440, 4320, 20_000, 90_000)).ArrayOf(count)
         select new Log(key, reviews)).ToArbitrary();

    [Property(MaxTest = 200, Arbitrary = [typeof(ReviewReplayTests)])]
    public bool Replay_equals_scheduling_one_rating_at_a_time_with_key_and_index_seeds(Log log)
    {
        var scheduler = new FsrsScheduler(Fuzzed);
        CardMemory? card = null;
        var index = 0;
        foreach (var review in log.Events())
        {
            card = scheduler.Next(card ?? CardMemory.New(review.ReviewedAt), RatingScale.Default.GradeOf(review.Rating),
                review.ReviewedAt, $"{log.Key}/{index++}");
        }

        return Equals(card, Replay().Replay(log.Key, log.Events()));
    }

    [Property(MaxTest = 200, Arbitrary = [typeof(ReviewReplayTests)])]
    public bool Replay_is_deterministic_across_scheduler_instances(Log log) =>
        Equals(Replay().Replay(log.Key, log.Events()), Replay().Replay(log.Key, log.Events()));

    [Property(MaxTest = 200, Arbitrary = [typeof(ReviewReplayTests)])]
    public bool Live_ratings_give_what_a_later_replay_gives(Log log)
    {
        var replay = Replay();
        CardMemory? live = null;
        foreach (var review in log.Events())
        {
            live = replay.Apply(log.Key, live, review.Rating, review.ReviewedAt);
        }

        return Equals(live, replay.Replay(log.Key, log.Events()));
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(ReviewReplayTests)])]
    public bool Each_step_starts_where_the_previous_ended(Log log)
    {
        var steps = Replay().Steps(log.Key, log.Events());
        return steps.Count == log.Reviews.Length
            && steps[0].Before == CardMemory.New(steps[0].Event.ReviewedAt)
            && steps.Zip(steps.Skip(1)).All(pair => pair.First.After == pair.Second.Before);
    }

    [Fact]
    public void Card_never_reviewed_replays_to_null()
    {
        Assert.Null(Replay().Replay("k", []));
    }

    [Fact]
    public void Events_replay_in_time_order_whatever_order_they_arrive_in()
    {
        var events = new Log("k", [(3, 0), (4, 10), (1, 3000), (5, 20)]).Events();

        Assert.Equal(Replay().Replay("k", events), Replay().Replay("k", events.Reverse()));
    }

    [Fact]
    public void Event_of_another_card_is_refused()
    {
        var events = new[] { new ReviewEvent("other", 4, Start, 0) };

        Assert.Throws<ArgumentException>(() => Replay().Replay("k", events));
    }

    [Fact]
    public void Changed_scale_rederives_the_state_from_the_same_log()
    {
        var events = new Log("k", [(4, 0), (4, 10), (3, 2000), (3, 6000)]).Events();
        var strict = new RatingScale([Grade.Again, Grade.Again, Grade.Again, Grade.Hard, Grade.Good]);

        var byDefault = Replay().Replay("k", events)!;
        var byStrict = Replay(strict).Replay("k", events)!;

        Assert.True(byStrict.Due < byDefault.Due, $"strict due {byStrict.Due}, default due {byDefault.Due}");
        Assert.Equal(Grade.Again, Replay(strict).Steps("k", events)[2].Grade);
    }

    [Fact]
    public void Fuzz_depends_on_the_card_key()
    {
        var reviews = new (int, int)[] { (4, 0), (4, 10), (4, 1440), (4, 5000), (4, 15000) };

        var dues = Enumerable.Range(0, 30)
            .Select(i => Replay().Replay($"card-{i}", new Log($"card-{i}", reviews).Events())!.Due)
            .ToHashSet();

        Assert.True(dues.Count > 1, "thirty different keys all got the same fuzzed due date");
    }

    [Fact]
    public void Interval_labels_of_a_new_card_follow_the_learning_steps()
    {
        var replay = new ReviewReplay(new FsrsScheduler(new FsrsOptions()), RatingScale.Default);

        Assert.Equal(["1m", "1m", "6m", "10m", "8d"], replay.IntervalLabels("k", null, Start));
    }

    [Property(MaxTest = 100, Arbitrary = [typeof(ReviewReplayTests)])]
    public bool Interval_label_of_each_rating_is_the_interval_that_rating_gives(Log log)
    {
        var replay = Replay();
        var card = replay.Replay(log.Key, log.Events());
        var now = (card?.Due ?? Start).AddHours(2);

        var labels = replay.IntervalLabels(log.Key, card, now);

        return Enumerable.Range(1, 5).All(rating =>
            labels[rating - 1] == FsrsScheduler.FormatInterval(replay.Apply(log.Key, card, rating, now).Due - now));
    }
}
