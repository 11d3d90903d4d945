using System.Runtime.CompilerServices;
using DeckLsp.Core.History;
using DeckLsp.Core.Reviews;

namespace DeckLsp.Server.Reviews;

/// <summary>
/// The day loads the load balancer weighs: the cards of one history due on each of the user's calendar days. A history
/// is one pool, as an Anki preset is: every deck of a repository shares its days. Counted once per history, then carried
/// from each snapshot to the next by the cards that changed.
/// </summary>
internal static class DueLoads
{
    private static readonly ConditionalWeakTable<ReviewHistory, Tuple<TimeZoneInfo, DueLoad>> Counted = new();

    /// <summary>The load of <paramref name="history"/>'s cards, by the days of <paramref name="zone"/>.</summary>
    public static DueLoad Of(ReviewHistory history, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(zone);
        // Snapshots are immutable, so a count stays right for its snapshot (and the time zone it was counted in).
        var counted = Counted.GetValue(history, h => Tuple.Create(zone, Count(h, zone)));
        return counted.Item1.Equals(zone) ? counted.Item2 : Count(history, zone);
    }

    /// <summary>
    /// Gives <paramref name="update"/>'s history the load of the snapshot it came from with only its changed cards moved,
    /// when that snapshot's load was counted: every rating makes a new snapshot, and counting each anew would cost a
    /// pass over every card per rating (and per card shown). The result is the full count's, day for day. Returns the
    /// load carried, or null when there was none to carry from (the next <see cref="Of"/> counts).
    /// </summary>
    public static DueLoad? Carry(HistoryUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (update.Previous is not { } previous || ReferenceEquals(previous, update.History)
            || !Counted.TryGetValue(previous, out var counted))
        {
            return null;
        }

        var history = update.History;
        var moved = counted.Item2.Moved(update.Cards.Select(key => (previous.Card(key).State, history.Card(key).State)));
        Counted.TryAdd(history, Tuple.Create(counted.Item1, moved));
        return moved;
    }

    /// <summary>The load of <paramref name="history"/> counted or carried so far, without counting; null when there is none yet.</summary>
    public static DueLoad? Known(ReviewHistory history) => Counted.TryGetValue(history, out var counted) ? counted.Item2 : null;

    /// <summary>The load of <paramref name="history"/> counted from every card (what <see cref="Carry"/> must equal).</summary>
    public static DueLoad Count(ReviewHistory history, TimeZoneInfo zone) =>
        DueLoad.Of(history.Cards.Select(c => c.Value.State), time => DayOf(time, zone));

    /// <summary>The calendar day, in <paramref name="zone"/>, that <paramref name="time"/> falls on.</summary>
    public static DateOnly DayOf(DateTimeOffset time, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time, zone).DateTime);
}
