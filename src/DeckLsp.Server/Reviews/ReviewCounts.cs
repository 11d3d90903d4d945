using DeckLsp.Core.Identity;
using DeckLsp.Core.Model;
using DeckLsp.Core.Reviews;
using DeckLsp.Core.Scheduling;
using DeckLsp.Server.Protocol;

namespace DeckLsp.Server.Reviews;

/// <summary>What is due: for lenses (per deck, section and card), the status bar (the workspace), and orphans. Reads only.</summary>
internal sealed class ReviewCounts(ReviewService reviews, ReviewDecks decks)
{
    /// <summary>Counts over the review items of the cards <paramref name="include"/> picks, or all.</summary>
    public DeckCounts Of(ReviewDeck deck, Func<Card, bool>? include = null)
    {
        var states = deck.ReviewItems().Where(item => include?.Invoke(item.Card) ?? true).Select(item => deck.Of(item.ReviewKey).State);
        return DeckCounts.Of(states, reviews.Now, Introduced(deck), reviews.SessionOptions);
    }

    /// <summary>
    /// The deck's counts and each section's (its cards and its subsections' cards), from one pass over the cards: what
    /// <see cref="Of"/> gives for the deck and for each section.
    /// </summary>
    public (DeckCounts Deck, DeckCounts[] Sections) OfDeckAndSections(ReviewDeck deck)
    {
        var sections = deck.Document.Deck.Sections;
        var all = new List<CardMemory?>();
        var perSection = sections.Select(_ => new List<CardMemory?>()).ToArray();
        foreach (var (card, _, key) in deck.ReviewItems())
        {
            var memory = deck.Of(key).State;
            all.Add(memory);
            for (var section = card.SectionIndex; section >= 0; section = sections[section].ParentIndex)
            {
                perSection[section].Add(memory);
            }
        }

        var (now, introduced) = (reviews.Now, Introduced(deck));
        return (DeckCounts.Of(all, now, introduced, reviews.SessionOptions),
            perSection.Select(memories => DeckCounts.Of(memories, now, introduced, reviews.SessionOptions)).ToArray());
    }

    /// <summary>New cards of the deck first reviewed today: they count against the daily new-card limit.</summary>
    public int Introduced(ReviewDeck deck) => deck.History.IntroducedSince(deck.Link.Deck, reviews.StartOfToday);

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

    /// <summary>Cards with a history that no card of their deck has now: kept, never deleted, in case they come back.</summary>
    public OrphansResult Orphans()
    {
        var orphans = new List<OrphanInfo>();
        foreach (var deck in decks.All())
        {
            var present = deck.Link.Cards.ToHashSet();
            var identity = deck.History.IdentityOf(deck.Link.Deck);
            var reviewKeys = identity.Rated.ToLookup(k => k.Card);
            foreach (var card in identity.RatedCards.Where(c => !present.Contains(c)).OrderBy(c => c.Value, StringComparer.Ordinal))
            {
                var ratings = reviewKeys[card].SelectMany(k => deck.Of(k).Ratings).ToList();
                if (ratings.Count == 0)
                {
                    continue;
                }

                orphans.Add(new OrphanInfo
                {
                    CardKey = card.Value,
                    DeckPath = deck.Path ?? deck.Uri,
                    Question = deck.Link.Source.TitleSeen(deck.Link.Deck, card) ?? "(its text was not seen on this machine)",
                    Reviews = ratings.Count,
                    LastReview = ratings.Max(r => r.At),
                });
            }
        }

        return new OrphansResult { Orphans = orphans };
    }
}
