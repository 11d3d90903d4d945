using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.Tests.Scheduling;

/// <summary>Fuzz is ts-fsrs's: seeded per card and review, so a replay reproduces it, and bounded by its ranges.</summary>
public sealed class FuzzTests
{
    private static readonly FsrsScheduler Plain = new(new FsrsOptions());
    private static readonly FsrsScheduler Fuzzed = new(new FsrsOptions { EnableFuzz = true });

    [Fact]
    public void Same_card_and_time_give_the_same_fuzzed_schedule()
    {
        var card = TestCards.Reviewed(Plain, Grade.Good, Grade.Good, Grade.Good);
        var now = card.Due.AddDays(3);
        var other = new FsrsScheduler(new FsrsOptions { EnableFuzz = true });

        var first = Fuzzed.Preview(card, now);
        var second = other.Preview(card, now);

        foreach (var grade in Enum.GetValues<Grade>())
        {
            Assert.Equal(first[grade], second[grade]);
        }
    }

    [Fact]
    public void Different_seeds_spread_the_interval()
    {
        var card = TestCards.Reviewed(Plain, Grade.Good, Grade.Good, Grade.Good, Grade.Good);
        var now = card.Due;
        var unfuzzed = Plain.Next(card, Grade.Good, now).ScheduledDays;

        var intervals = Enumerable.Range(0, 60)
            .Select(i => Fuzzed.Next(card, Grade.Good, now, fuzzSeed: $"card-{i}").ScheduledDays)
            .ToHashSet();

        Assert.True(unfuzzed > 20, $"unfuzzed interval {unfuzzed} too short to fuzz visibly");
        Assert.True(intervals.Count >= 3, $"only {intervals.Count} distinct intervals: {string.Join(",", intervals)}");
        Assert.Contains(intervals, i => i != unfuzzed);
    }

    [Fact]
    public void Default_seed_is_review_time_reps_and_difficulty_times_stability()
    {
        var card = TestCards.Reviewed(Plain, Grade.Good, Grade.Good, Grade.Good);
        var now = card.Due;
        var seed = $"{now.ToUnixTimeMilliseconds()}_{card.Reps + 1}_{JsMath.NumberToString(card.Difficulty * card.Stability)}";

        Assert.Equal(Fuzzed.Preview(card, now, seed), Fuzzed.Preview(card, now));
        Assert.NotEqual(Fuzzed.Next(card, Grade.Easy, now, seed), Fuzzed.Next(card, Grade.Easy, now, seed + "x"));
    }

    [Fact]
    public void Fuzzed_intervals_stay_within_ts_fsrs_ranges()
    {
        var plain = new FsrsAlgorithm([.. FsrsOptions.DefaultWeights], 0.9, 36500, true, enableFuzz: false);
        var fuzzed = new FsrsAlgorithm([.. FsrsOptions.DefaultWeights], 0.9, 36500, true, enableFuzz: true);
        var random = new Random(20240506);
        for (var i = 0; i < 2000; i++)
        {
            var stability = Math.Exp(random.NextDouble() * 9);
            var elapsed = random.Next(0, 400);
            var seed = random.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
            var baseInterval = plain.NextInterval(stability, elapsed, seed);
            var actual = fuzzed.NextInterval(stability, elapsed, seed);
            var (min, max) = ExpectedRange(baseInterval, elapsed, 36500);
            Assert.True(actual >= min && actual <= max, $"S={stability:R} t={elapsed}: {actual} outside [{min}, {max}] around {baseInterval}");
        }
    }

    [Fact]
    public void Intervals_under_two_and_a_half_days_are_not_fuzzed()
    {
        var learned = Fuzzed.Next(CardMemory.New(TestCards.Start), Grade.Good, TestCards.Start);
        var graduated = Fuzzed.Next(learned, Grade.Good, learned.Due);

        Assert.Equal(2, graduated.ScheduledDays);
        Assert.Equal(Plain.Next(learned, Grade.Good, learned.Due), graduated);
    }

    [Fact]
    public void Card_id_seed_reproduces_ts_fsrs_card_id_strategy()
    {
        // fuzz-card-id-seed sequences in vectors.json were scheduled with GenSeedStrategyWithCardId.
        var sequence = FsrsVectors.Sequences.Values.First(s => s.CardIdSeed is not null && s.Reviews.Any(r => r.Expected.ScheduledDays >= 3));
        var scheduler = new FsrsScheduler(sequence.Options);
        var card = CardMemory.New(sequence.Reviews[0].Review);
        var differs = false;
        foreach (var review in sequence.Reviews)
        {
            var withId = scheduler.Next(card, review.Grade, review.Review, sequence.FuzzSeedFor(card));
            CardAssert.Matches(review.Expected, withId, sequence.Name);
            differs |= scheduler.Next(card, review.Grade, review.Review) != withId;
            card = review.Expected;
        }

        Assert.True(differs, "the card-id seed never changed an interval, so this sequence does not prove it is used");
    }

    // ts-fsrs's get_fuzz_range, written out independently of the production code.
    private static (int Min, int Max) ExpectedRange(int interval, int elapsedDays, int maximum)
    {
        var delta = 1.0 + (0.15 * Math.Max(Math.Min(interval, 7.0) - 2.5, 0)) + (0.1 * Math.Max(Math.Min(interval, 20.0) - 7.0, 0))
            + (0.05 * Math.Max(interval - 20.0, 0));
        if (interval < 2.5)
        {
            return (interval, interval);
        }

        var min = Math.Max(2, (int)Math.Floor(interval - delta + 0.5));
        var max = Math.Min((int)Math.Floor(interval + delta + 0.5), maximum);
        if (interval > elapsedDays)
        {
            min = Math.Max(min, elapsedDays + 1);
        }

        return (Math.Min(min, max), max);
    }
}
