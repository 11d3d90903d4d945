using System.Collections.Immutable;
using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.Reviews;

/// <summary>
/// How many reviewed cards fall due on each calendar day (the user's days, as <see cref="DayOf"/> counts them): the load
/// the <see cref="LoadBalancer"/> weighs. Immutable; <c>Moved</c> gives the load after some cards' due dates changed.
/// </summary>
public sealed class DueLoad
{
    // Immutable, so a load moved by a few cards shares the rest with the load it came from instead of copying every day.
    private readonly ImmutableDictionary<DateOnly, int> _counts;
    private readonly Func<DateTimeOffset, DateOnly> _dayOf;

    private DueLoad(ImmutableDictionary<DateOnly, int> counts, Func<DateTimeOffset, DateOnly> dayOf)
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
            if (Counts(state))
            {
                var day = dayOf(state!.Due);
                counts[day] = counts.GetValueOrDefault(day) + 1;
            }
        }

        return new DueLoad(counts.ToImmutableDictionary(), dayOf);
    }

    /// <summary>The calendar day <paramref name="time"/> falls on.</summary>
    public DateOnly DayOf(DateTimeOffset time) => _dayOf(time);

    /// <summary>Cards due on <paramref name="day"/>.</summary>
    public int On(DateOnly day) => _counts.GetValueOrDefault(day);

    /// <summary>Every day with a card due, and how many: two loads of the same cards hold the same days.</summary>
    public IReadOnlyDictionary<DateOnly, int> Days => _counts;

    /// <summary>Cards due on the day of <paramref name="time"/>, not counting <paramref name="card"/> itself.</summary>
    public int On(DateTimeOffset time, CardMemory? card)
    {
        var day = _dayOf(time);
        var count = On(day);
        return Counts(card) && _dayOf(card!.Due) == day ? Math.Max(0, count - 1) : count;
    }

    /// <summary>The load once a card that was <paramref name="before"/> (null: new) is <paramref name="after"/>.</summary>
    public DueLoad Moved(CardMemory? before, CardMemory after)
    {
        ArgumentNullException.ThrowIfNull(after);
        return Moved([(before, after)]);
    }

    /// <summary>
    /// The load once each card that was <c>Before</c> is <c>After</c> (null: new, or gone): its old day loses it, its new
    /// day gains it. Given every card whose state changed, this is the load <see cref="Of"/> counts from all of them.
    /// </summary>
    public DueLoad Moved(IEnumerable<(CardMemory? Before, CardMemory? After)> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var counts = _counts.ToBuilder();
        foreach (var (before, after) in changes)
        {
            if (Counts(before))
            {
                var day = _dayOf(before!.Due);
                var left = counts.GetValueOrDefault(day) - 1;
                // A day no card is due on is left out, as a full count leaves it out.
                if (left > 0)
                {
                    counts[day] = left;
                }
                else
                {
                    counts.Remove(day);
                }
            }

            if (Counts(after))
            {
                var day = _dayOf(after!.Due);
                counts[day] = counts.GetValueOrDefault(day) + 1;
            }
        }

        return new DueLoad(counts.ToImmutable(), _dayOf);
    }

    private static bool Counts(CardMemory? state) => state is { State: not CardState.New };
}
