using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.Tests.Scheduling;

/// <summary>The hand-checked vectors from ts-fsrs's (and py-fsrs's) own test suites, default parameters, fuzz off.</summary>
public sealed class ReferenceVectorTests
{
    private static readonly DateTimeOffset Start = new(2022, 11, 29, 12, 30, 0, TimeSpan.Zero);

    private readonly FsrsScheduler _scheduler = new(new FsrsOptions());

    [Fact]
    public void Reviewing_at_each_due_time_gives_the_reference_interval_history()
    {
        Grade[] grades =
        [
            Grade.Good, Grade.Good, Grade.Good, Grade.Good, Grade.Good, Grade.Good,
            Grade.Again, Grade.Again,
            Grade.Good, Grade.Good, Grade.Good, Grade.Good, Grade.Good,
        ];
        var card = CardMemory.New(Start);
        var now = Start;
        var intervals = new List<int>();
        var states = new List<CardState>();
        foreach (var grade in grades)
        {
            card = _scheduler.Next(card, grade, now);
            intervals.Add(card.ScheduledDays);
            states.Add(card.State);
            now = card.Due;
        }

        Assert.Equal([0, 2, 11, 46, 163, 498, 0, 0, 2, 4, 7, 12, 21], intervals);
        Assert.Equal(
            [
                CardState.Learning, CardState.Review, CardState.Review, CardState.Review, CardState.Review, CardState.Review,
                CardState.Relearning, CardState.Relearning,
                CardState.Review, CardState.Review, CardState.Review, CardState.Review, CardState.Review,
            ],
            states);
        Assert.Equal(1, card.Lapses);
        Assert.Equal(13, card.Reps);
    }

    [Fact]
    public void Memory_state_after_again_then_five_goods_matches_reference()
    {
        Grade[] grades = [Grade.Again, Grade.Good, Grade.Good, Grade.Good, Grade.Good, Grade.Good];
        int[] daysBefore = [0, 0, 1, 3, 8, 21];
        var card = CardMemory.New(Start);
        var now = Start;
        for (var i = 0; i < grades.Length; i++)
        {
            now = now.AddDays(daysBefore[i]);
            card = _scheduler.Next(card, grades[i], now);
        }

        // The shared reference (fsrs-rs, float32) is S = 53.62691, D = 6.3574867, which ts-fsrs checks to 1e-4;
        // ts-fsrs 5.4.2 itself, rounding to 8 decimals, returns exactly 53.62690465 and 6.35748708.
        Assert.Equal(53.62691, card.Stability, 1e-4);
        Assert.Equal(6.3574867, card.Difficulty, 1e-4);
        Assert.Equal(53.62690465, card.Stability, CardAssert.Tolerance);
        Assert.Equal(6.35748708, card.Difficulty, CardAssert.Tolerance);
        Assert.Equal(CardState.Review, card.State);
    }

    [Theory]
    [InlineData(Grade.Again, 0.212, 6.4133, 0, CardState.Learning, 0, 1)]
    [InlineData(Grade.Hard, 1.2931, 5.11217071, 0, CardState.Learning, 0, 6)]
    [InlineData(Grade.Good, 2.3065, 2.11810397, 0, CardState.Learning, 1, 10)]
    [InlineData(Grade.Easy, 8.2956, 1.0, 8, CardState.Review, 0, 8 * 1440)]
    public void First_review_of_new_card_matches_reference(
        Grade grade, double stability, double difficulty, int scheduledDays, CardState state, int step, int dueInMinutes)
    {
        var next = _scheduler.Next(CardMemory.New(Start), grade, Start);

        var expected = new CardMemory(state, Start.AddMinutes(dueInMinutes), stability, difficulty, scheduledDays, step, 1, 0, Start);
        CardAssert.Matches(expected, next, $"first review {grade}");
    }

    [Fact]
    public void Default_options_are_ts_fsrs_defaults()
    {
        var options = new FsrsOptions();

        Assert.Equal(
            [
                0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
                1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
            ],
            options.Weights);
        Assert.Equal(0.9, options.DesiredRetention);
        Assert.Equal(36500, options.MaximumInterval);
        Assert.True(options.EnableShortTerm);
        Assert.False(options.EnableFuzz);
        Assert.Equal([TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10)], options.LearningSteps);
        Assert.Equal([TimeSpan.FromMinutes(10)], options.RelearningSteps);
    }

    [Fact]
    public void Elapsed_days_count_utc_calendar_days_not_24_hour_periods()
    {
        // Two reviews 2 hours apart but across UTC midnight are a day apart for FSRS, so stability
        // grows by the recall formula rather than the same-day one.
        var evening = new DateTimeOffset(2024, 3, 1, 23, 0, 0, TimeSpan.Zero);
        var learned = _scheduler.Next(CardMemory.New(evening), Grade.Good, evening);
        var sameDay = _scheduler.Next(learned, Grade.Good, evening.AddMinutes(50));
        var nextDay = _scheduler.Next(learned, Grade.Good, evening.AddMinutes(70));

        Assert.Equal(CardState.Review, nextDay.State);
        Assert.NotEqual(sameDay.Stability, nextDay.Stability);
        // e^(w17·(G−3+w18))·S^(−w19) with G = 3, from S0(Good) = 2.3065.
        var w = FsrsOptions.DefaultWeights;
        var sameDayExpected = 2.3065 * Math.Max(Math.Exp(w[17] * w[18]) * Math.Pow(2.3065, -w[19]), 1);
        Assert.Equal(sameDayExpected, sameDay.Stability, 1e-8);
    }

    [Fact]
    public void Hard_on_a_single_step_waits_one_and_a_half_steps()
    {
        var scheduler = new FsrsScheduler(new FsrsOptions { LearningSteps = [TimeSpan.FromMinutes(30)] });

        var next = scheduler.Next(CardMemory.New(Start), Grade.Hard, Start);

        Assert.Equal(Start.AddMinutes(45), next.Due);
        Assert.Equal(CardState.Learning, next.State);
    }

    [Fact]
    public void A_step_of_a_day_or_more_graduates_to_review_and_keeps_its_step()
    {
        var scheduler = new FsrsScheduler(new FsrsOptions { LearningSteps = [TimeSpan.FromMinutes(10), TimeSpan.FromDays(2)] });

        var next = scheduler.Next(CardMemory.New(Start), Grade.Good, Start);

        Assert.Equal(CardState.Review, next.State);
        Assert.Equal(2, next.ScheduledDays);
        Assert.Equal(1, next.Step);
        Assert.Equal(Start.AddDays(2), next.Due);
    }

    [Fact]
    public void Invalid_options_and_inputs_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FsrsScheduler(new FsrsOptions { DesiredRetention = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FsrsScheduler(new FsrsOptions { DesiredRetention = 1.01 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FsrsScheduler(new FsrsOptions { MaximumInterval = 0 }));
        Assert.Throws<ArgumentException>(() => new FsrsScheduler(new FsrsOptions { Weights = [1, 2, 3] }));
        Assert.Throws<ArgumentException>(() => new FsrsScheduler(new FsrsOptions { LearningSteps = [TimeSpan.FromMinutes(-1)] }));
        Assert.Throws<ArgumentOutOfRangeException>(() => _scheduler.Next(CardMemory.New(Start), (Grade)0, Start));
        var reviewed = _scheduler.Next(CardMemory.New(Start), Grade.Easy, Start);
        Assert.Throws<ArgumentOutOfRangeException>(() => _scheduler.Next(reviewed, Grade.Good, Start.AddDays(-2)));
    }
}
