using DeckLsp.Core.History;
using DeckLsp.Core.Optimization;
using DeckLsp.Core.Reviews;
using DeckLsp.Core.Tests.History;

namespace DeckLsp.Core.Tests.Reviews;

/// <summary>Reviews per day, the due forecast, true retention by week and counts by state, from a history.</summary>
public class MemoryStatisticsTests
{
    [Fact]
    public void Statistics_count_days_weeks_states_and_what_falls_due()
    {
        var laptop = new HistoryEvents("laptop");
        var history = ReviewHistory.Build(HistoryEvents.Replay,
        [
            laptop.Rate("~a", 4, 0), laptop.Rate("~a", 4, 1),         // learnt on Monday 2 March
            laptop.Rate("~a", 1, 24 * 5),                              // forgotten on Saturday: a failed review
            laptop.Rate("~c", 5, 0.5), laptop.Rate("~c", 4, 24 * 3),  // easy at once, recalled on Thursday
            laptop.Rate("~c", 2, 24 * 3 + 1, cram: true),              // a cram rating: on the calendar, not in retention
        ]);
        var cards = new[] { "~a", "~b", "~c" }.Select(k => (k, history.Card(HistoryEvents.Key(k))));
        var now = HistoryEvents.Start.AddDays(5).AddHours(2);

        var statistics = MemoryStatistics.Of(cards, history.Replay, now, RevlogItems.DayIn(TimeZoneInfo.Utc));

        Assert.Equal([new DayReviews(new(2026, 3, 2), 3), new DayReviews(new(2026, 3, 5), 2), new DayReviews(new(2026, 3, 7), 1)], statistics.Calendar);
        Assert.Equal([new WeekRetention(new(2026, 3, 2), 2, 1)], statistics.Retention);
        Assert.Equal(0.5, statistics.Retention[0].Rate);
        Assert.Equal(new StateCounts(New: 1, Learning: 0, Review: 1, Relearning: 1), statistics.States);
        Assert.Equal(30, statistics.Forecast.Count);
        Assert.Equal(1, statistics.Forecast[0]); // ~a relearns today
        var cDue = (history.Card(HistoryEvents.Key("~c")).State!.Due.UtcDateTime.Date - now.UtcDateTime.Date).Days;
        Assert.Equal(1, statistics.Forecast[cDue]);
        Assert.Equal(2, statistics.Forecast.Sum());
    }
}
