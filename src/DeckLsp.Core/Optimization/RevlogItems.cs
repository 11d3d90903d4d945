using DeckLsp.Core.Interop;
using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.Optimization;

/// <summary>
/// A review log as training items, as fsrs-rs's Node binding converts its CSV (<c>convert_csv_to_fsrs_items</c>):
/// per card, only the reviews from its last run of New/Learning reviews on (a card that was reset starts again);
/// days between reviews counted between calendar days as <paramref name="dayOf"/> gives them (the day boundary);
/// one item per review after the first that falls on a later day than the one before it, holding every review of the
/// card up to it (same-day reviews stay in the history with 0 days); items ordered by the time of their last review.
/// </summary>
public static class RevlogItems
{
    public static IReadOnlyList<FsrsItem> From(IEnumerable<RevlogRow> rows, Func<DateTimeOffset, DateOnly> dayOf)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(dayOf);
        var items = new List<(FsrsItem Item, DateTimeOffset At)>();
        var sorted = rows.OrderBy(r => r.CardId, StringComparer.Ordinal).ThenBy(r => r.ReviewedAt).ToList();
        var start = 0;
        while (start < sorted.Count)
        {
            var end = start;
            while (end < sorted.Count && string.Equals(sorted[end].CardId, sorted[start].CardId, StringComparison.Ordinal))
            {
                end++;
            }

            AddCard(sorted.GetRange(start, end - start), dayOf, items);
            start = end;
        }

        // A stable sort, as Rust's sort_by_cached_key: items of one instant keep their cards' order.
        return items.OrderBy(i => i.At).Select(i => i.Item).ToList();
    }

    /// <summary>The calendar day of an instant in <paramref name="zone"/>, the day starting <paramref name="nextDayStartsAt"/> hours after midnight.</summary>
    public static Func<DateTimeOffset, DateOnly> DayIn(TimeZoneInfo zone, int nextDayStartsAt = 0)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return at => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).AddHours(-nextDayStartsAt).DateTime);
    }

    private static void AddCard(List<RevlogRow> card, Func<DateTimeOffset, DateOnly> dayOf, List<(FsrsItem, DateTimeOffset)> items)
    {
        var first = LastLearningBlockStart(card);
        if (first < 0)
        {
            return;
        }

        var reviews = new FsrsReview[card.Count - first];
        var previous = dayOf(card[first].ReviewedAt);
        reviews[0] = new FsrsReview((int)card[first].Grade, 0);
        for (var i = 1; i < reviews.Length; i++)
        {
            var day = dayOf(card[first + i].ReviewedAt);
            reviews[i] = new FsrsReview((int)card[first + i].Grade, Math.Max(0, day.DayNumber - previous.DayNumber));
            previous = day;
        }

        for (var i = 1; i < reviews.Length; i++)
        {
            if (reviews[i].DeltaT > 0)
            {
                items.Add((new FsrsItem(reviews, i + 1), card[first + i].ReviewedAt));
            }
        }
    }

    // The start of the last contiguous run of New or Learning reviews; -1 when there is none.
    private static int LastLearningBlockStart(List<RevlogRow> card)
    {
        var start = -1;
        for (var i = card.Count - 1; i >= 0; i--)
        {
            if (card[i].StateBefore is CardState.New or CardState.Learning)
            {
                start = i;
            }
            else if (start >= 0)
            {
                break;
            }
        }

        return start;
    }
}
