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

    [Fact]
    public void A_sum_adds_days_weeks_forecasts_and_states_and_rates_a_week_over_all_its_reviews()
    {
        var monday = new DateOnly(2026, 3, 2);
        var first = new MemoryStatistics([new DayReviews(monday, 3), new DayReviews(monday.AddDays(2), 1)], [1, 0, 2],
            [new WeekRetention(monday, 3, 3)], new StateCounts(1, 2, 3, 4));
        var second = new MemoryStatistics([new DayReviews(monday.AddDays(2), 4)], [0, 5],
            [new WeekRetention(monday, 1, 0), new WeekRetention(monday.AddDays(7), 2, 1)], new StateCounts(10, 0, 1, 0));

        var sum = MemoryStatistics.Sum([first, second]);

        Assert.Equal([new DayReviews(monday, 3), new DayReviews(monday.AddDays(2), 5)], sum.Calendar);
        Assert.Equal([1, 5, 2], sum.Forecast.Take(3));
        Assert.Equal(30, sum.Forecast.Count);
        Assert.Equal([new WeekRetention(monday, 4, 3), new WeekRetention(monday.AddDays(7), 2, 1)], sum.Retention);
        Assert.Equal(0.75, sum.Retention[0].Rate);
        Assert.Equal(new StateCounts(11, 2, 4, 4), sum.States);
    }

    [Fact]
    public void A_sum_of_nothing_is_empty_with_a_forecast_of_zeros()
    {
        var sum = MemoryStatistics.Sum([]);

        Assert.Empty(sum.Calendar);
        Assert.Empty(sum.Retention);
        Assert.Equal(new int[30], sum.Forecast);
        Assert.Equal(new StateCounts(0, 0, 0, 0), sum.States);
    }
}
