using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.Tests.Scheduling;

/// <summary>Retrievability is ts-fsrs's get_retrievability: R(t, S) = (1 + factor·t/S)^decay, t in whole days.</summary>
public sealed class RetrievabilityTests
{
    private static readonly FsrsScheduler Scheduler = new(new FsrsOptions());

    [Fact]
    public void New_card_has_zero_retrievability() =>
        Assert.Equal(0, Scheduler.Retrievability(CardMemory.New(TestCards.Start), TestCards.Start.AddDays(3)));

    [Fact]
    public void Retrievability_is_desired_retention_after_stability_days()
    {
        var card = new CardMemory(CardState.Review, TestCards.Start, 10, 5, 10, 0, 3, 0, TestCards.Start);

        Assert.Equal(1, Scheduler.Retrievability(card, TestCards.Start));
        Assert.Equal(0.9, Scheduler.Retrievability(card, TestCards.Start.AddDays(10)), 1e-6);
    }

    [Fact]
    public void Retrievability_follows_the_fsrs6_power_curve()
    {
        var card = new CardMemory(CardState.Review, TestCards.Start, 7.5, 5, 7, 0, 3, 0, TestCards.Start);
        var decay = -FsrsOptions.DefaultWeights[20];
        var factor = Math.Pow(0.9, 1 / decay) - 1;

        foreach (var days in new[] { 1, 3, 30, 365 })
        {
            var expected = Math.Pow(1 + (factor * days / 7.5), decay);
            Assert.Equal(expected, Scheduler.Retrievability(card, TestCards.Start.AddDays(days)), 1e-6);
        }
    }

    [Fact]
    public void Retrievability_falls_as_time_passes()
    {
        var card = TestCards.Reviewed(Scheduler, Grade.Good, Grade.Good, Grade.Good);
        var last = card.LastReview!.Value;

        var values = Enumerable.Range(0, 60).Select(d => Scheduler.Retrievability(card, last.AddDays(d))).ToList();

        Assert.All(values.Zip(values.Skip(1)), p => Assert.True(p.Second < p.First, $"{p.Second} !< {p.First}"));
    }

    [Fact]
    public void Only_whole_24_hour_periods_count()
    {
        var card = new CardMemory(CardState.Review, TestCards.Start, 10, 5, 10, 0, 3, 0, TestCards.Start);

        Assert.Equal(1, Scheduler.Retrievability(card, TestCards.Start.AddHours(23)));
        Assert.Equal(
            Scheduler.Retrievability(card, TestCards.Start.AddDays(1)),
            Scheduler.Retrievability(card, TestCards.Start.AddHours(47)));
        Assert.Equal(1, Scheduler.Retrievability(card, TestCards.Start.AddDays(-2)));
    }
}
