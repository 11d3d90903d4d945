using System.Globalization;
using DeckLsp.Core.Reviews;
using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.Tests.Reviews;

/// <summary>
/// Session cards written compactly, in deck order: <c>new:a</c>, <c>learn:b@-5m</c> (learning, due 5 minutes ago),
/// <c>relearn:c@+2m</c>, <c>review:d@-1d</c> (review, due a day ago); offsets are m, h or d from <see cref="Now"/>.
/// </summary>
internal static class SessionCards
{
    public static readonly DateTimeOffset Now = new(2025, 3, 3, 12, 0, 0, TimeSpan.Zero);

    public static List<SessionCard> Parse(string cards) =>
        cards.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select((spec, position) => Card(spec, position)).ToList();

    private static SessionCard Card(string spec, int position)
    {
        var (state, rest) = (spec[..spec.IndexOf(':')], spec[(spec.IndexOf(':') + 1)..]);
        if (state == "new")
        {
            return new SessionCard(rest, null, position);
        }

        var key = rest[..rest.IndexOf('@')];
        var due = Now + Offset(rest[(rest.IndexOf('@') + 1)..]);
        var cardState = state switch
        {
            "learn" => CardState.Learning,
            "relearn" => CardState.Relearning,
            "review" => CardState.Review,
            _ => throw new ArgumentException($"unknown state {state}"),
        };
        // Reviewed a day before it fell due, or before now: never in the future, which the scheduler refuses.
        var lastReview = (due < Now ? due : Now).AddDays(-1);
        return new SessionCard(key, new CardMemory(cardState, due, 3, 5, 0, 0, 2, 0, lastReview), position);
    }

    private static TimeSpan Offset(string offset)
    {
        var value = int.Parse(offset[..^1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return offset[^1] switch
        {
            'm' => TimeSpan.FromMinutes(value),
            'h' => TimeSpan.FromHours(value),
            'd' => TimeSpan.FromDays(value),
            _ => throw new ArgumentException($"unknown unit in {offset}"),
        };
    }
}
