using DeckLsp.Core.Model;
using DeckLsp.Core.Reviews;
using DeckLsp.Server.Protocol;

namespace DeckLsp.Server.Reviews;

/// <summary>What is due: for lenses (per deck, section and card), the status bar (the workspace), and orphans.</summary>
internal sealed class ReviewCounts(ReviewService reviews, StudyDecks decks)
{
    /// <summary>Counts over the review items of the cards <paramref name="include"/> picks, or all.</summary>
    public DeckCounts Of(StudyDeck deck, Func<Card, bool>? include = null)
    {
        var keys = deck.ReviewItems().Where(item => include?.Invoke(item.Card) ?? true).Select(item => deck.StoreKey(item.ReviewKey)).ToList();
        var states = reviews.Store.GetStates(keys);
        var introduced = reviews.Store.CountReviews(deck.Keys.DeckKey, reviews.StartOfToday, reviews.Now.AddTicks(1)).NewCardsInRange;
        return DeckCounts.Of(keys.Select(k => states.GetValueOrDefault(k)), reviews.Now, introduced, reviews.SessionOptions);
    }

    public DueCounts Workspace()
    {
        int due = 0, fresh = 0;
        foreach (var deck in decks.All())
        {
            var counts = Of(deck);
            due += counts.Due;
            fresh += counts.New;
        }

        return new DueCounts { Due = due, New = fresh };
    }

    public OrphansResult Orphans() => new()
    {
        Orphans = reviews.Store.Orphans().Select(o => new OrphanInfo
        {
            CardKey = o.CardKey,
            DeckPath = o.DeckPath,
            Question = o.QuestionSnippet,
            Reviews = o.ReviewCount,
            LastReview = o.LastReview,
        }).ToList(),
    };
}
