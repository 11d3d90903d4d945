using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.Reviews;

/// <summary>
/// How many reviewed cards fall due on each calendar day (the user's days, as <see cref="DayOf"/> counts them): the load
/// the <see cref="LoadBalancer"/> weighs. Immutable; <see cref="Moved"/> gives the load after one card's due date changed.
/// </summary>
public sealed class DueLoad
{
    private readonly Dictionary<DateOnly, int> _counts;
    private readonly Func<DateTimeOffset, DateOnly> _dayOf;

    private DueLoad(Dictionary<DateOnly, int> counts, Func<DateTimeOffset, DateOnly> dayOf)
    {
        _counts = counts;
        _dayOf = dayOf;
    }

    /// <summary>The load of <paramref name="states"/> (new cards and nulls count on no day), by the days <paramref name="dayOf"/> gives.</summary>
    public static DueLoad Of(IEnumerable<CardMemory?> states, Func<DateTimeOffset, DateOnly> dayOf)
    {
        ArgumentNullException.ThrowIfNull(states);
        ArgumentNullException.ThrowIfNull(dayOf);
        var counts = new Dictionary<DateOnly, int>();
        foreach (var state in states)
        {
            if (state is { State: not CardState.New })
            {
                var day = dayOf(state.Due);
                counts[day] = counts.GetValueOrDefault(day) + 1;
            }
        }

        return new DueLoad(counts, dayOf);
    }

    /// <summary>The calendar day <paramref name="time"/> falls on.</summary>
    public DateOnly DayOf(DateTimeOffset time) => _dayOf(time);

    /// <summary>Cards due on <paramref name="day"/>.</summary>
    public int On(DateOnly day) => _counts.GetValueOrDefault(day);

    /// <summary>Cards due on the day of <paramref name="time"/>, not counting <paramref name="card"/> itself.</summary>
    public int On(DateTimeOffset time, CardMemory? card)
    {
        var day = _dayOf(time);
        var count = On(day);
        return card is { State: not CardState.New } && _dayOf(card.Due) == day ? Math.Max(0, count - 1) : count;
    }

    /// <summary>The load once a card that was <paramref name="before"/> (null: new) is <paramref name="after"/>.</summary>
    public DueLoad Moved(CardMemory? before, CardMemory after)
    {
        ArgumentNullException.ThrowIfNull(after);
        var counts = new Dictionary<DateOnly, int>(_counts);
        if (before is { State: not CardState.New })
        {
            var day = _dayOf(before.Due);
            if (counts.GetValueOrDefault(day) > 0)
            {
                counts[day]--;
            }
        }

        if (after.State != CardState.New)
        {
            var day = _dayOf(after.Due);
            counts[day] = counts.GetValueOrDefault(day) + 1;
        }

        return new DueLoad(counts, _dayOf);
    }
}
