using DeckLsp.Core.Reviews;

namespace DeckLsp.Core.Tests.Reviews;

/// <summary>New cards introduced today: cards whose first review falls on or after the day's start.</summary>
public class ReviewLogTests
{
    private static readonly DateTimeOffset DayStart = new(2025, 3, 3, 0, 0, 0, TimeSpan.FromHours(1));

    [Fact]
    public void Only_cards_first_reviewed_since_the_day_start_count_as_introduced()
    {
        ReviewEvent[] log =
        [
            new("old", 4, DayStart.AddDays(-2), 0),
            new("old", 4, DayStart.AddHours(3), 0),
            new("fresh", 1, DayStart.AddHours(1), 0),
            new("fresh", 3, DayStart.AddHours(1.1), 0),
            new("k#c1", 4, DayStart.AddHours(2), 0),
            new("k#c2", 4, DayStart.AddMinutes(-1), 0),
            new("edge", 4, DayStart, 0),
        ];

        Assert.Equal(3, ReviewLog.IntroducedSince(log, DayStart));
    }
}
