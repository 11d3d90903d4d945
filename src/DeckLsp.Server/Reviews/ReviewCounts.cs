using DeckLsp.Core.Model;
using DeckLsp.Core.Identity;
using DeckLsp.Core.Reviews;
using DeckLsp.Core.Scheduling;
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
        var introduced = reviews.NewCardsIntroducedToday(deck.Keys.DeckKey);
        return DeckCounts.Of(keys.Select(k => states.GetValueOrDefault(k)), reviews.Now, introduced, reviews.SessionOptions);
    }

    /// <summary>
    /// The deck's counts and each section's (its cards and its subsections' cards), from one read of the states: what
    /// <see cref="Of"/> gives for the deck and for each section, without a scan and two queries per section.
    /// </summary>
    public (DeckCounts Deck, DeckCounts[] Sections) OfDeckAndSections(StudyDeck deck)
    {
        var items = deck.ReviewItems().Select(item => (item.Card, Key: deck.StoreKey(item.ReviewKey))).ToList();
        var states = reviews.Store.GetStates(items.Select(item => item.Key));
        var introduced = reviews.NewCardsIntroducedToday(deck.Keys.DeckKey);
        var sections = deck.Document.Deck.Sections;
        var all = new List<CardMemory?>(items.Count);
        var perSection = sections.Select(_ => new List<CardMemory?>()).ToArray();
        foreach (var (card, key) in items)
        {
            var memory = states.GetValueOrDefault(key);
            all.Add(memory);
            for (var section = card.SectionIndex; section >= 0; section = sections[section].ParentIndex)
            {
                perSection[section].Add(memory);
            }
        }

        var now = reviews.Now;
        return (DeckCounts.Of(all, now, introduced, reviews.SessionOptions),
            perSection.Select(memories => DeckCounts.Of(memories, now, introduced, reviews.SessionOptions)).ToArray());
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
