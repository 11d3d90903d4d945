using System.Collections.Immutable;
using DeckLsp.Core.Documents;
using DeckLsp.Core.History;
using DeckLsp.Core.Identity;
using DeckLsp.Core.Model;
using DeckLsp.Core.Text;
using DeckLsp.Server.History;

namespace DeckLsp.Server.Reviews;

/// <summary>
/// A deck's cards linked to their review history, for one snapshot of its text: the history it belongs to, its deck
/// key, a card key per card (in the order of <c>Deck.Cards</c>), and the cards removed by recent edits (a card cut and
/// pasted back takes its key again). Computed in the same ordered step as the parse it belongs to.
/// </summary>
internal sealed record DeckLink(HistorySource Source, string Placement, DeckKey Deck, IReadOnlyList<CardKey> Cards,
    ImmutableList<KeyedFingerprint> RecentlyRemoved)
{
    private const int RecentlyRemovedLimit = 64;

    /// <summary>The key of <paramref name="card"/>, a card of <paramref name="document"/>'s deck; null when it is not one.</summary>
    public CardKey? KeyOf(DeckDocument document, Card card)
    {
        // Cards are in text order: the one starting where this one starts is found without placing the whole deck.
        var cards = document.Deck.Cards;
        var at = document.Deck.LastCardStartingAtOrBefore(card.Span.Start);
        if (at >= 0 && at < Cards.Count && ReferenceEquals(cards[at], card))
        {
            return Cards[at];
        }

        for (var i = 0; i < cards.Count && i < Cards.Count; i++)
        {
            if (ReferenceEquals(cards[i], card))
            {
                return Cards[i];
            }
        }

        return null;
    }

    /// <summary>What is reviewed of one card (the card, or each deletion of a cloze card), given its key.</summary>
    public IEnumerable<ReviewKey> ReviewKeysOf(Card card, CardKey key) =>
        CardKeys.ReviewKeys(card, key.Value).Select(local => ReviewKey.Parse(Deck, local));

    /// <summary>What is reviewed, in deck order: each card, or each deletion of a cloze card, with its key.</summary>
    public IEnumerable<(Card Card, CardKey CardKey, ReviewKey ReviewKey)> ReviewItems(Deck deck) =>
        deck.Cards.Take(Cards.Count).SelectMany((card, i) => CardKeys.ReviewKeys(card, Cards[i].Value)
            .Select(local => (card, Cards[i], ReviewKey.Parse(Deck, local))));

    /// <summary>
    /// Links a deck opened in the editor or read from disk to <paramref name="source"/>'s history as it is now.
    /// <paramref name="placement"/> is the deck's path as the history records it (<see cref="HistorySource.PlacementPath"/>).
    /// </summary>
    public static DeckLink Link(HistorySource source, string placement, DeckDocument document)
    {
        var history = source.Current;
        var deck = history.Placements.KeyOf(placement, document.Deck.Id);
        var result = DeckLinking.Link(deck, document.Deck, document.Text, history, source.SeenHere(deck));
        return new DeckLink(source, placement, deck, Keys(result), []);
    }

    /// <summary>
    /// The link after one edit made in the editor: keys follow the cards (docs/reviews.md). Returns the events that
    /// edit calls for: a card that gained an id brings its history with it.
    /// </summary>
    public (DeckLink Link, IReadOnlyList<HistoryEvent> Drafts) Track(DeckDocument before, TextChange change, DeckDocument after, DateTimeOffset now)
    {
        if (before.Deck.Id != after.Deck.Id)
        {
            // The deck's own id changed: it is another deck as far as the history knows.
            return (Link(Source, Placement, after), []);
        }

        var known = new KeyedCards(before.Text, before.Deck.Cards, new KeyValues(Cards));
        IReadOnlyList<CardKey> keys;
        IdentityResult result;
        if (after.ChangedCardsSince(before) is { } window
            && CardIdentity.TrackWindow(known, after.Deck.Cards, after.Text, change, window, DeckLinking.FreshKeys(Deck), RecentlyRemoved) is { } inWindow)
        {
            // Only the re-parsed cards were paired; the others keep their keys where they stand (a copy of references).
            result = inWindow;
            var stitched = new CardKey[after.Deck.Cards.Count];
            for (var i = 0; i < window.Kept; i++)
            {
                stitched[i] = Cards[i];
            }

            for (var i = 0; i < inWindow.Keys.Count; i++)
            {
                stitched[window.Kept + i] = new CardKey(inWindow.Keys[i]);
            }

            for (var i = window.BeforeEnd; i < Cards.Count; i++)
            {
                stitched[window.AfterEnd + i - window.BeforeEnd] = Cards[i];
            }

            keys = stitched;
        }
        else
        {
            result = CardIdentity.Track(known, after.Deck.Cards, after.Text, change, DeckLinking.FreshKeys(Deck), RecentlyRemoved);
            keys = Keys(result);
        }

        var back = result.Keys.ToHashSet(StringComparer.Ordinal);
        var removed = RecentlyRemoved.RemoveAll(r => back.Contains(r.Key)).AddRange(result.Removed);
        if (removed.Count > RecentlyRemovedLimit)
        {
            removed = removed.RemoveRange(0, removed.Count - RecentlyRemovedLimit);
        }

        var identity = Source.Current.IdentityOf(Deck);
        var drafts = result.Links
            .Where(l => l.Previous is not null && identity.RatedCards.Contains(new CardKey(l.Previous)) && !identity.RatedCards.Contains(new CardKey(l.Key)))
            .Select(l => (HistoryEvent)new KeyMovedEvent(default, now, Deck, new CardKey(l.Previous!), new CardKey(l.Key)))
            .ToList();
        return (this with { Cards = keys, RecentlyRemoved = removed }, drafts);
    }

    /// <summary>
    /// The link after the history changed under an open deck (a pull, another window): the history's keys are matched
    /// again, and the keys this deck already has count as known, with their text as it is now.
    /// </summary>
    public DeckLink Relink(DeckDocument document)
    {
        var history = Source.Current;
        var deck = history.Placements.KeyOf(Placement, document.Deck.Id);
        if (deck != Deck)
        {
            // The deck was placed anew (renamed on another machine, or its history loaded): link it from scratch.
            return Link(Source, Placement, document) with { RecentlyRemoved = RecentlyRemoved };
        }

        var prints = CardFingerprint.AllOf(document.Deck, document.Text);
        var seen = new Dictionary<CardKey, CardFingerprint>(Source.SeenHere(Deck));
        var identity = history.IdentityOf(Deck);
        for (var i = 0; i < Cards.Count && i < prints.Count; i++)
        {
            if (identity.RatedCards.Contains(Cards[i]))
            {
                seen[Cards[i]] = prints[i];
            }
        }

        var result = DeckLinking.Link(Deck, prints, identity, seen);
        return this with { Cards = Keys(result) };
    }

    /// <summary>
    /// What the history should record of this deck as it is now: for each card whose key has ratings (or that
    /// <paramref name="alsoRecord"/> names), what it identifies, when the history does not know it so; and this
    /// machine's copy of their text.
    /// </summary>
    public (IReadOnlyList<HistoryEvent> Drafts, IReadOnlyList<(CardKey, SeenCard)> Seen) Unrecorded(DeckDocument document,
        DateTimeOffset now, Func<CardKey, bool>? alsoRecord = null)
    {
        // Only the cards in question are read: a rating asks about one card of what may be a deck of thousands.
        var identity = Source.Current.IdentityOf(Deck);
        var keys = new List<CardKey>();
        var prints = new List<CardFingerprint>();
        var seen = new List<(CardKey, SeenCard)>();
        var cards = document.Deck.Cards;
        for (var i = 0; i < Cards.Count && i < cards.Count; i++)
        {
            if (identity.RatedCards.Contains(Cards[i]) || alsoRecord?.Invoke(Cards[i]) == true)
            {
                var print = CardFingerprint.Of(cards[i], document.Text, i);
                keys.Add(Cards[i]);
                prints.Add(print);
                seen.Add((Cards[i], new SeenCard(print, cards[i].Title)));
            }
        }

        var drafts = DeckLinking.Unrecorded(keys, prints, identity, alsoRecord)
            .Select(u => (HistoryEvent)new CardSeenEvent(default, now, Deck, u.Card, u.Question, u.Answer))
            .ToList();
        return (drafts, seen);
    }

    private static CardKey[] Keys(IdentityResult result) => result.Keys.Select(k => new CardKey(k)).ToArray();

    /// <summary>The keys' strings, read in place (the identity tracking reads only the few it pairs).</summary>
    private sealed class KeyValues(IReadOnlyList<CardKey> keys) : IReadOnlyList<string>
    {
        public int Count => keys.Count;

        public string this[int index] => keys[index].Value;

        public IEnumerator<string> GetEnumerator() => keys.Select(k => k.Value).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
