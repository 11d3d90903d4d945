using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.Tests.Scheduling;

/// <summary>Replays every sequence ts-fsrs scheduled in vectors.json through <see cref="FsrsScheduler"/>.</summary>
public sealed class GeneratedVectorTests
{
    public static TheoryData<string> SequenceNames()
    {
        var data = new TheoryData<string>();
        foreach (var name in FsrsVectors.Sequences.Keys.Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void Vector_file_comes_from_ts_fsrs_5_4_and_covers_every_state_and_option_family()
    {
        Assert.StartsWith("ts-fsrs 5.4.", FsrsVectors.Generator);
        var sequences = FsrsVectors.Sequences.Values.ToList();
        Assert.True(sequences.Count >= 300, $"only {sequences.Count} sequences");
        var reviews = sequences.SelectMany(s => s.Reviews).ToList();
        foreach (var state in new[] { CardState.Learning, CardState.Review, CardState.Relearning })
        {
            Assert.Contains(reviews, r => r.Expected.State == state);
        }

        Assert.Contains(sequences, s => !s.Options.EnableShortTerm);
        Assert.Contains(sequences, s => s.Options.EnableFuzz && s.CardIdSeed is null);
        Assert.Contains(sequences, s => s.Options.EnableFuzz && s.CardIdSeed is not null);
        Assert.Contains(sequences, s => s.Options.MaximumInterval < 36500);
        Assert.Contains(sequences, s => s.Options.DesiredRetention != 0.9);
        Assert.Contains(sequences, s => s.Options.LearningSteps.Count == 0);
        Assert.Contains(sequences, s => s.Options.Weights.Count == 17);
        Assert.Contains(sequences, s => s.Options.Weights.Count == 19);
        // Same-day reviews are what exercise short-term stability.
        Assert.Contains(sequences, s => s.Reviews.Zip(s.Reviews.Skip(1)).Any(p => p.First.Review.UtcDateTime.Date == p.Second.Review.UtcDateTime.Date));
    }

    [Theory]
    [MemberData(nameof(SequenceNames))]
    public void Sequence_matches_ts_fsrs(string name)
    {
        var sequence = FsrsVectors.Get(name);
        var scheduler = new FsrsScheduler(sequence.Options);
        var card = CardMemory.New(sequence.Reviews[0].Review);
        for (var i = 0; i < sequence.Reviews.Count; i++)
        {
            var review = sequence.Reviews[i];
            var next = scheduler.Next(card, review.Grade, review.Review, sequence.FuzzSeedFor(card));
            CardAssert.Matches(review.Expected, next, $"{name} review {i} ({review.Grade} at {review.Review:O})");
            card = review.Expected;
        }
    }

    [Theory]
    [MemberData(nameof(SequenceNames))]
    public void Retrievability_before_each_review_matches_ts_fsrs(string name)
    {
        var sequence = FsrsVectors.Get(name);
        var scheduler = new FsrsScheduler(sequence.Options);
        var card = CardMemory.New(sequence.Reviews[0].Review);
        for (var i = 0; i < sequence.Reviews.Count; i++)
        {
            var review = sequence.Reviews[i];
            var r = scheduler.Retrievability(card, review.Review);
            Assert.True(
                Math.Abs(review.Retrievability - r) <= CardAssert.Tolerance,
                $"{name} review {i}: retrievability {r:R}, expected {review.Retrievability:R}");
            card = review.Expected;
        }
    }

    [Fact]
    public void Migrated_and_clipped_weights_match_ts_fsrs()
    {
        var custom = FsrsVectors.Sequences.Values.Where(s => s.EffectiveWeights is not null).ToList();
        Assert.NotEmpty(custom);
        foreach (var sequence in custom)
        {
            var prepared = FsrsWeights.Prepare(
                sequence.Options.Weights, sequence.Options.RelearningSteps.Count, sequence.Options.EnableShortTerm);
            Assert.Equal(sequence.EffectiveWeights!, prepared);
        }
    }

    [Fact]
    public void Review_time_offset_does_not_change_the_schedule()
    {
        // Elapsed days are UTC calendar days, so expressing the same instants in far-apart zones must not matter.
        var offsets = new[] { TimeSpan.FromHours(14), TimeSpan.FromHours(-11), TimeSpan.FromMinutes(330) };
        foreach (var sequence in FsrsVectors.Sequences.Values.Where(s => s.Name.StartsWith("default-", StringComparison.Ordinal)))
        {
            var scheduler = new FsrsScheduler(sequence.Options);
            for (var o = 0; o < offsets.Length; o++)
            {
                var card = CardMemory.New(sequence.Reviews[0].Review.ToOffset(offsets[o]));
                for (var i = 0; i < sequence.Reviews.Count; i++)
                {
                    var review = sequence.Reviews[i];
                    card = scheduler.Next(card, review.Grade, review.Review.ToOffset(offsets[(o + i) % offsets.Length]));
                    CardAssert.Matches(review.Expected, card, $"{sequence.Name} review {i} at offset {offsets[o]}");
                }
            }
        }
    }

    [Fact]
    public void Preview_agrees_with_next_for_every_grade_along_the_vectors()
    {
        foreach (var sequence in FsrsVectors.Sequences.Values)
        {
            var scheduler = new FsrsScheduler(sequence.Options);
            var card = CardMemory.New(sequence.Reviews[0].Review);
            foreach (var review in sequence.Reviews)
            {
                var seed = sequence.FuzzSeedFor(card);
                var preview = scheduler.Preview(card, review.Review, seed);
                Assert.Equal(4, preview.Count);
                foreach (var (grade, outcome) in preview)
                {
                    Assert.Equal(scheduler.Next(card, grade, review.Review, seed), outcome);
                }

                card = review.Expected;
            }
        }
    }
}
