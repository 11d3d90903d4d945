using System.Runtime.CompilerServices;
using DeckLsp.Core.History;
using DeckLsp.Core.Reviews;

namespace DeckLsp.Server.Reviews;

/// <summary>
/// The day loads the load balancer weighs: the cards of one history due on each of the user's calendar days. A history
/// is one pool, as an Anki preset is: every deck of a repository shares its days. Counted once per history snapshot.
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

    private static DueLoad Count(ReviewHistory history, TimeZoneInfo zone) =>
        DueLoad.Of(history.Cards.Select(c => c.Value.State), time => DayOf(time, zone));

    /// <summary>The calendar day, in <paramref name="zone"/>, that <paramref name="time"/> falls on.</summary>
    public static DateOnly DayOf(DateTimeOffset time, TimeZoneInfo zone) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time, zone).DateTime);
}
