namespace DeckLsp.Core.Reviews;

/// <summary>Questions about the raw review log as a whole, such as how many new cards today has already introduced.</summary>
public static class ReviewLog
{
    /// <summary>
    /// Cards (review keys) whose first review ever was at or after <paramref name="since"/>: the new cards introduced
    /// since then, which count against the daily limit. The caller picks <paramref name="since"/> (the start of the
    /// user's day, in their time zone).
    /// </summary>
    public static int IntroducedSince(IEnumerable<ReviewEvent> log, DateTimeOffset since)
    {
        ArgumentNullException.ThrowIfNull(log);
        return log.GroupBy(e => e.CardKey, StringComparer.Ordinal).Count(g => g.Min(e => e.ReviewedAt) >= since);
    }
}
