using DeckLsp.Core.Reviews;

namespace DeckLsp.Server.Reviews;

/// <summary>
/// One deck's counts and memory statistics as <c>decklsp stats</c> and <c>deck/statistics</c> both give them, read
/// from one <see cref="ReviewDeck"/>. Cards are counted as they are studied: a cloze card once per deletion. Reviews are
/// those of the deck's history, cram ratings and orphaned cards' included, undone ones not.
/// </summary>
internal sealed record DeckFigures(int Cards, int New, int Due, int Reviews, int ReviewsToday, MemoryStatistics Memory)
{
    /// <param name="today">Midnight of the user's day, in UTC: reviews from then on are today's.</param>
    /// <param name="dayOf">The user's calendar day of an instant.</param>
    public static DeckFigures Of(ReviewDeck deck, DateTimeOffset now, DateTimeOffset today, Func<DateTimeOffset, DateOnly> dayOf)
    {
        var items = deck.ReviewItems().Select(i => deck.Of(i.ReviewKey).State).ToList();
        var rated = deck.History.IdentityOf(deck.Link.Deck).Rated;
        var ratings = rated.SelectMany(k => deck.Of(k).Ratings).ToList();
        // The picture takes the deck's cards and its orphaned history alike, as the review count does.
        var keys = deck.ReviewItems().Select(i => i.ReviewKey).Concat(rated).Distinct().ToList();
        var memory = MemoryStatistics.Of(keys.Select(k => (k.ToString(), deck.Of(k))), deck.History.Replay, now, dayOf);
        return new DeckFigures(items.Count, items.Count(s => s is null), items.Count(s => s is not null && s.Due <= now),
            ratings.Count, ratings.Count(r => r.At >= today), memory);
    }
}
