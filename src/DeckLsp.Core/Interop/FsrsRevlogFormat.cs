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

    /// <summary>
    /// The rows of a revlog CSV written by <see cref="Write"/>, Anki's export or the optimizer's tools (a header naming the
    /// five columns, in any order); or the problem, naming its line. Rows rated 0 (Anki's manual entries) are left out.
    /// </summary>
    public static (IReadOnlyList<RevlogRow> Rows, string? Problem) Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (records, problem) = Delimited.Read(text, ',');
        if (problem is not null)
        {
            return ([], problem);
        }

        if (records.Count == 0)
        {
            return ([], "the file is empty; a revlog starts with the header card_id,review_time,review_rating,review_state,review_duration");
        }

        var header = records[0].Fields.Select(f => f.Trim()).ToList();
        var columns = new[] { "card_id", "review_time", "review_rating", "review_state", "review_duration" }.Select(c => header.IndexOf(c)).ToArray();
        if (columns.Any(c => c < 0))
        {
            return ([], $"line {records[0].Line}: the header must name card_id, review_time, review_rating, review_state and review_duration");
        }

        var rows = new List<RevlogRow>();
        foreach (var record in records.Skip(1))
        {
            string Field(int column) => columns[column] < record.Fields.Count ? record.Fields[columns[column]].Trim() : "";
            if (!long.TryParse(Field(1), NumberStyles.Integer, CultureInfo.InvariantCulture, out var time)
                || !int.TryParse(Field(2), NumberStyles.Integer, CultureInfo.InvariantCulture, out var rating) || rating is < 0 or > 4
                || !int.TryParse(Field(3), NumberStyles.Integer, CultureInfo.InvariantCulture, out var state) || state is < 0 or > 3
                || !long.TryParse(Field(4), NumberStyles.Integer, CultureInfo.InvariantCulture, out var duration)
                || Field(0).Length == 0)
            {
                return ([], $"line {record.Line}: expected a card id, a time in milliseconds, a rating 0-4, a state 0-3 and a duration");
            }

            if (rating > 0)
            {
                rows.Add(new RevlogRow(Field(0), DateTimeOffset.FromUnixTimeMilliseconds(time), (Grade)rating, (CardState)state, duration));
            }
        }

        return (rows, null);
    }
}
