using DeckLsp.Core.History;
using DeckLsp.Core.Interop;
using DeckLsp.Core.Identity;
using DeckLsp.Server.History;
using DeckLsp.Server.Reviews;

namespace DeckLsp.Server.Interop;

/// <summary>What went into the history: reviews appended, cards they belong to, reviews already there and left alone.</summary>
internal sealed record HistoryOutcome(int Reviews, int Cards, int AlreadyKnown, string Where);

/// <summary>
/// Writes an imported deck's review history into the deck's history (its repository's, else the per-user database, or
/// <c>--db</c>), under the keys the server will look for: each review under its card's key in the deck (an imported
/// deck names itself with a front-matter id). A review the card's history already holds (a rating within a second of
/// it: a package we exported carries our ratings at their own times, as Anki's revlog ids) is not added again, so
/// importing the same package twice adds nothing the second time, and a package that went to Anki and came back adds
/// only the reviews made there, wherever they fall in time.
/// </summary>
internal static class HistoryImport
{
    /// <summary>How close in time a rating of the same card must be to count as the same review (revlog ids are milliseconds, made unique by a few).</summary>
    private static readonly TimeSpan SameReview = TimeSpan.FromSeconds(1);

    public static HistoryOutcome Write(ReviewDeck deck, IReadOnlyList<ImportedReview> reviews, DateTimeOffset now)
    {
        var source = deck.Link.Source;
        var history = source.Current;
        var drafts = new List<HistoryEvent>();
        var already = 0;
        foreach (var card in reviews.GroupBy(r => r.ReviewKey, StringComparer.Ordinal))
        {
            var key = ReviewKey.Parse(deck.Link.Deck, card.Key);
            var known = history.Card(key).Ratings.Select(r => r.At).ToList();
            foreach (var review in card.OrderBy(r => r.ReviewedAt))
            {
                if (known.Exists(at => (at - review.ReviewedAt).Duration() < SameReview))
                {
                    already++;
                    continue;
                }

                drafts.Add(new RatingEvent(default, review.ReviewedAt, key, review.Rating, review.DurationMs));
            }
        }

        // What each card identifies, so that the deck edited later (its ids dropped, say), or read on another machine,
        // keeps its history and its Anki note.
        var (seen, texts) = deck.Link.Unrecorded(deck.Document, now, _ => true);
        source.Append([.. seen, .. drafts]);
        source.RecordSeen(deck.Link.Deck, texts);
        return new HistoryOutcome(drafts.Count, drafts.Select(d => ((RatingEvent)d).Key).Distinct().Count(), already, source.Name);
    }
}
