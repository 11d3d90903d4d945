using DeckLsp.Core.Scheduling;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DeckLsp.Core.Tests.Scheduling;

/// <summary>Whatever the history, a review offers hard ≤ good &lt; easy (and again &lt; hard without short-term).</summary>
public sealed class IntervalOrderingTests
{
    private static readonly FsrsScheduler[] Schedulers =
    [
        new(new FsrsOptions()),
        new(new FsrsOptions { EnableFuzz = true }),
        new(new FsrsOptions { EnableShortTerm = false }),
        new(new FsrsOptions { EnableShortTerm = false, EnableFuzz = true, MaximumInterval = 40 }),
        new(new FsrsOptions { DesiredRetention = 0.75, MaximumInterval = 5 }),
    ];

    [Property(MaxTest = 300)]
    public Property Review_intervals_are_ordered(byte[] history, byte delay, byte schedulerIndex)
    {
        var scheduler = Schedulers[schedulerIndex % Schedulers.Length];
        var card = Replay(scheduler, history);
        var now = card.Due.AddHours(delay - 100);
        if (card.LastReview is { } last && now < last)
        {
            now = last;
        }

        var preview = scheduler.Preview(card, now);
        var hard = preview[Grade.Hard].ScheduledDays;
        var good = preview[Grade.Good].ScheduledDays;
        var easy = preview[Grade.Easy].ScheduledDays;
        var isReview = card.State == CardState.Review || (!scheduler.Options.EnableShortTerm && card.State != CardState.New);
        var again = preview[Grade.Again].ScheduledDays;
        var ordered = !isReview
            || (hard <= good && good < easy && (scheduler.Options.EnableShortTerm || again < hard));
        return ordered.Label($"{card} at {now:O}: again {again}, hard {hard}, good {good}, easy {easy}");
    }

    [Property(MaxTest = 200)]
    public Property Preview_and_next_agree(byte[] history, byte schedulerIndex)
    {
        var scheduler = Schedulers[schedulerIndex % Schedulers.Length];
        var card = Replay(scheduler, history);
        var preview = scheduler.Preview(card, card.Due);
        return Enum.GetValues<Grade>().All(g => preview[g] == scheduler.Next(card, g, card.Due)).Label(card.ToString());
    }

    [Property(MaxTest = 200)]
    public Property Reps_lapses_and_bounds_follow_the_answer(byte[] history, byte schedulerIndex)
    {
        var scheduler = Schedulers[schedulerIndex % Schedulers.Length];
        var card = Replay(scheduler, history);
        var preview = scheduler.Preview(card, card.Due);
        var lapsesOnAgain = card.State == CardState.Review
            || (!scheduler.Options.EnableShortTerm && card.State != CardState.New) ? 1 : 0;
        var ok = Enum.GetValues<Grade>().All(g =>
                preview[g].Reps == card.Reps + 1
                && preview[g].LastReview == card.Due
                && preview[g].Difficulty is >= 1 and <= 10
                && preview[g].Stability is >= 0.001 and <= 36500
                && preview[g].Due >= card.Due
                && preview[g].Lapses == card.Lapses + (g == Grade.Again ? lapsesOnAgain : 0));
        return ok.Label(card.ToString());
    }

    [Fact]
    public void Review_card_gets_strictly_increasing_good_and_easy_days()
    {
        var scheduler = Schedulers[0];
        var card = TestCards.Reviewed(scheduler, Grade.Good, Grade.Good, Grade.Good);

        var preview = scheduler.Preview(card, card.Due);

        Assert.Equal(CardState.Relearning, preview[Grade.Again].State);
        Assert.Equal(card.Due.AddMinutes(10), preview[Grade.Again].Due);
        Assert.True(preview[Grade.Hard].ScheduledDays < preview[Grade.Good].ScheduledDays);
        Assert.True(preview[Grade.Good].ScheduledDays < preview[Grade.Easy].ScheduledDays);
    }

    // Each byte picks a grade (low 2 bits) and how late the review is relative to due (rest, in hours).
    private static CardMemory Replay(FsrsScheduler scheduler, byte[]? history)
    {
        var card = CardMemory.New(TestCards.Start);
        foreach (var b in (history ?? []).Take(30))
        {
            var grade = (Grade)((b & 3) + 1);
            card = scheduler.Next(card, grade, card.Due.AddHours(b >> 2));
        }

        return card;
    }
}
