using System.Globalization;
using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.Interop;

/// <summary>One review as the FSRS optimizer reads it.</summary>
/// <param name="CardId">The card (for a cloze card, the deletion) reviewed.</param>
/// <param name="ReviewedAt">When, in UTC.</param>
/// <param name="Grade">The grade the rating was scheduled with: the optimizer's 1 Again, 2 Hard, 3 Good, 4 Easy.</param>
/// <param name="StateBefore">The card's state when it was reviewed (0 New, 1 Learning, 2 Review, 3 Relearning).</param>
/// <param name="DurationMs">How long the review took.</param>
public sealed record RevlogRow(string CardId, DateTimeOffset ReviewedAt, Grade Grade, CardState StateBefore, long DurationMs);

/// <summary>
/// The review log in the open-spaced-repetition optimizer's CSV (<c>card_id, review_time, review_rating,
/// review_state, review_duration</c>): times in milliseconds since the Unix epoch, UTC; ratings 1–4.
/// </summary>
public static class FsrsRevlogFormat
{
    /// <summary>The longest answer time written, Anki's cap (60 s): a history recorded before durations were capped holds longer ones, which the optimizer refuses.</summary>
    public const long MaxDurationMs = 60_000;

    public static string Write(IEnumerable<RevlogRow> rows)
    {
        var records = new List<IReadOnlyList<string>> { new[] { "card_id", "review_time", "review_rating", "review_state", "review_duration" } };
        foreach (var row in rows.OrderBy(r => r.ReviewedAt).ThenBy(r => r.CardId, StringComparer.Ordinal))
        {
            records.Add([
                row.CardId,
                row.ReviewedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
                ((int)row.Grade).ToString(CultureInfo.InvariantCulture),
                ((int)row.StateBefore).ToString(CultureInfo.InvariantCulture),
                Math.Clamp(row.DurationMs, 0, MaxDurationMs).ToString(CultureInfo.InvariantCulture),
            ]);
        }

        return Delimited.Write(records, ',');
    }
}
