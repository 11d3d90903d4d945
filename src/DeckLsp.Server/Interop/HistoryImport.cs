using DeckLsp.Core.Documents;
using DeckLsp.Core.Model;
using DeckLsp.Core.Identity;
using DeckLsp.Core.Reviews;
using DeckLsp.Core.Scheduling;
using DeckLsp.Server.Reviews;
using DeckLsp.Server.Storage;

namespace DeckLsp.Server.Interop;

/// <summary>What went into the database: reviews appended, cards they belong to, reviews already there and left alone.</summary>
internal sealed record HistoryOutcome(int Reviews, int Cards, int AlreadyKnown);

/// <summary>
/// Writes an imported deck's cards and review history to the store, under the keys the server will look for: the deck
/// as <c>id:</c> and its front-matter id, each review under <see cref="ReviewService.StoreKey"/>. States are derived by
/// replaying the ratings with the server's scheduler, as <c>RebuildStates</c> would.
/// </summary>
internal static class HistoryImport
{
    // The scheduler and scale the server reviews with (ReviewService): a replay must give the schedule a live session would.
    public static ReviewReplay Replay { get; } = new(new FsrsScheduler(StudySettings.Default.Scheduler), StudySettings.Default.Scale);

    /// <summary>
    /// Records the deck (at <paramref name="fullPath"/>) and appends the reviews newer than what each card already has,
    /// so importing the same package twice adds nothing the second time.
    /// </summary>
    public static HistoryOutcome Write(ReviewStore store, string fullPath, DeckDocument document, IReadOnlyList<ImportedReview> reviews, DateTimeOffset now)
    {
        var deck = document.Deck;
        var deckKey = CardKeyTracker.KnownDeckKey(store, fullPath, document)
            ?? throw new InvalidOperationException("An imported deck with history has a front-matter id.");
        var keys = CardKeyTracker.Relink(store, deckKey, document).Keys;

        // Stored as the server stores them, so it finds these cards as it left them.
        var records = CardKeyTracker.Records(document, new DeckKeys(deckKey, keys));
        store.UpsertDeck(deckKey, fullPath, deck.Title, records, now);

        var appended = new List<NewReview>();
        var already = 0;
        foreach (var card in reviews.GroupBy(r => r.ReviewKey, StringComparer.Ordinal))
        {
            var storeKey = ReviewService.StoreKey(deckKey, card.Key);
            var latest = store.GetLog(storeKey, 1) is [var last] ? last.ReviewedAt : (DateTimeOffset?)null;
            var state = store.GetState(storeKey);
            foreach (var review in card.OrderBy(r => r.ReviewedAt))
            {
                if (review.ReviewedAt <= latest)
                {
                    already++;
                    continue;
                }

                var before = state ?? CardMemory.New(review.ReviewedAt);
                var after = Replay.Apply(storeKey, state, review.Rating, review.ReviewedAt);
                appended.Add(new NewReview(storeKey, deckKey, review.Rating, Replay.Scale.GradeOf(review.Rating), review.ReviewedAt,
                    review.DurationMs, before, after));
                state = after;
            }
        }

        store.AppendAll(appended);
        return new HistoryOutcome(appended.Count, appended.Select(r => r.CardKey).Distinct(StringComparer.Ordinal).Count(), already);
    }
}
