using DeckLsp.Core.History;
using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.Reviews;

/// <summary>Reviews on one calendar day.</summary>
public readonly record struct DayReviews(DateOnly Day, int Reviews);

/// <summary>True retention in one week (Monday to Sunday): how many reviews of cards in the Review state passed.</summary>
public readonly record struct WeekRetention(DateOnly Week, int Reviews, int Passed)
{
    public double Rate => Reviews == 0 ? 0 : (double)Passed / Reviews;
}

/// <summary>Cards by the state they are in now.</summary>
public readonly record struct StateCounts(int New, int Learning, int Review, int Relearning);

/// <summary>
/// A picture of a set of cards' memory, as Anki's statistics show it: reviews per calendar day, what falls due in the
/// coming days (overdue cards count today), true retention by week (the pass rate of reviews of cards that were in the
/// Review state: Hard, Good and Easy pass, Again fails), and how many cards are in each state.
/// </summary>
public sealed record MemoryStatistics(IReadOnlyList<DayReviews> Calendar, IReadOnlyList<int> Forecast, IReadOnlyList<WeekRetention> Retention, StateCounts States)
{
    /// <param name="cards">Each card's key and history (<see cref="CardHistory.None"/> for a new card).</param>
    /// <param name="dayOf">The calendar day of an instant (the user's).</param>
    public static MemoryStatistics Of(IEnumerable<(string Key, CardHistory History)> cards, ReviewReplay replay, DateTimeOffset now,
        Func<DateTimeOffset, DateOnly> dayOf, int forecastDays = 30)
    {
        ArgumentNullException.ThrowIfNull(cards);
        ArgumentNullException.ThrowIfNull(replay);
        ArgumentNullException.ThrowIfNull(dayOf);
        var today = dayOf(now);
        var calendar = new SortedDictionary<DateOnly, int>();
        var weeks = new SortedDictionary<DateOnly, (int Reviews, int Passed)>();
        var forecast = new int[forecastDays];
        int fresh = 0, learning = 0, review = 0, relearning = 0;
        foreach (var (key, history) in cards)
        {
            CardMemory? state = null;
            foreach (var rating in history.Ratings)
            {
                var day = dayOf(rating.At);
                calendar[day] = calendar.GetValueOrDefault(day) + 1;
                if (rating.Cram)
                {
                    continue;
                }

                if (state?.State == CardState.Review)
                {
                    var week = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
                    var (reviews, passed) = weeks.GetValueOrDefault(week);
                    weeks[week] = (reviews + 1, passed + (replay.Scale.GradeOf(rating.Rating) == Grade.Again ? 0 : 1));
                }

                state = replay.Apply(key, state, rating.Rating, rating.At);
            }

            switch (history.State?.State)
            {
                case null or CardState.New: fresh++; break;
                case CardState.Learning: learning++; break;
                case CardState.Review: review++; break;
                case CardState.Relearning: relearning++; break;
            }

            if (history.State is { State: not CardState.New } memory)
            {
                var offset = Math.Max(0, dayOf(memory.Due).DayNumber - today.DayNumber);
                if (offset < forecastDays)
                {
                    forecast[offset]++;
                }
            }
        }

        return new MemoryStatistics([.. calendar.Select(d => new DayReviews(d.Key, d.Value))], forecast,
            [.. weeks.Select(w => new WeekRetention(w.Key, w.Value.Reviews, w.Value.Passed))], new StateCounts(fresh, learning, review, relearning));
    }

    /// <summary>
    /// Several sets of cards as one (the decks of a folder or a workspace, each replayed with its own history): reviews
    /// and passes added up per day and week, so a week's rate is that of all its reviews, not an average of rates.
    /// </summary>
    public static MemoryStatistics Sum(IEnumerable<MemoryStatistics> parts, int forecastDays = 30)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var calendar = new SortedDictionary<DateOnly, int>();
        var weeks = new SortedDictionary<DateOnly, (int Reviews, int Passed)>();
        var forecast = new int[forecastDays];
        int fresh = 0, learning = 0, review = 0, relearning = 0;
        foreach (var part in parts)
        {
            foreach (var day in part.Calendar)
            {
                calendar[day.Day] = calendar.GetValueOrDefault(day.Day) + day.Reviews;
            }

            foreach (var week in part.Retention)
            {
                var (reviews, passed) = weeks.GetValueOrDefault(week.Week);
                weeks[week.Week] = (reviews + week.Reviews, passed + week.Passed);
            }

            for (var i = 0; i < Math.Min(forecastDays, part.Forecast.Count); i++)
            {
                forecast[i] += part.Forecast[i];
            }

            (fresh, learning, review, relearning) = (fresh + part.States.New, learning + part.States.Learning,
                review + part.States.Review, relearning + part.States.Relearning);
        }

        return new MemoryStatistics([.. calendar.Select(d => new DayReviews(d.Key, d.Value))], forecast,
            [.. weeks.Select(w => new WeekRetention(w.Key, w.Value.Reviews, w.Value.Passed))], new StateCounts(fresh, learning, review, relearning));
    }
}
