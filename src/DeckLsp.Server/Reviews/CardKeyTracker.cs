using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using DeckLsp.Core.Documents;
using DeckLsp.Core.Model;
using DeckLsp.Core.Identity;
using DeckLsp.Core.Reviews;
using DeckLsp.Core.Text;
using DeckLsp.Server.Storage;

namespace DeckLsp.Server.Reviews;

/// <summary>A deck's key and its cards' keys, aligned with <c>Deck.Cards</c> of one snapshot.</summary>
internal sealed record DeckKeys(string DeckKey, IReadOnlyList<string> Keys)
{
    public string? KeyOf(DeckDocument document, Card card)
    {
        var index = IndexOf(document.Deck.Cards, card);
        return index < 0 ? null : Keys[index];
    }

    private static int IndexOf(IReadOnlyList<Card> cards, Card card)
    {
        for (var i = 0; i < cards.Count; i++)
        {
            if (ReferenceEquals(cards[i], card))
            {
                return i;
            }
        }

        return -1;
    }
}

/// <summary>
/// Keeps every card's key through the editor's edits (docs/reviews.md): on open, cards are re-linked to the history the
/// database knows; on each change, in order and synchronously, keys follow the cards. Keys hang off each snapshot, so a
/// reader of any snapshot gets the keys of exactly that text.
/// </summary>
internal sealed class CardKeyTracker(ReviewService reviews)
{
    private const int RecentlyRemovedLimit = 64;
    private readonly ConditionalWeakTable<DeckDocument, DeckKeys> _keys = [];
    private readonly ConcurrentDictionary<string, List<KeyedFingerprint>> _recentlyRemoved = new();
    private readonly ConcurrentDictionary<string, string> _deckKeys = new(StringComparer.Ordinal);

    public DeckKeys? KeysOf(DeckDocument document) => _keys.TryGetValue(document, out var keys) ? keys : null;

    /// <summary>
    /// Links a deck read from disk or opened in the editor to its history; remembers and stores the result. The deck's
    /// own id names it wherever the file goes; else the key recorded for its path; else a new one.
    /// </summary>
    public DeckKeys Link(string path, DeckDocument document)
    {
        if (KeysOf(document) is { } known)
        {
            return known;
        }

        // What was queued for this deck (a save just before a reopen) must be read back, not raced.
        reviews.Flushed().Wait();
        var store = reviews.Store;
        var deckKey = document.Deck.Id is not null
            ? KnownDeckKey(store, path, document)!
            : _deckKeys.GetOrAdd(path, p => KnownDeckKey(store, p, document) ?? FreshKey());
        var result = Relink(store, deckKey, document);
        var keys = new DeckKeys(deckKey, result.Keys);
        _keys.AddOrUpdate(document, keys);
        MoveHistory(deckKey, result);
        Save(path, document, keys);
        return keys;
    }

    /// <summary>One edit, as the editor made it: keys follow the cards from <paramref name="before"/> to <paramref name="after"/>.</summary>
    public void Changed(string uri, DeckDocument before, TextChange change, DeckDocument after)
    {
        if (KeysOf(before) is not { } previous)
        {
            return;
        }

        var removed = _recentlyRemoved.GetOrAdd(uri, _ => []);
        IdentityResult result;
        lock (removed)
        {
            result = CardIdentity.Track(new KeyedCards(before.Text, before.Deck.Cards, previous.Keys), after.Deck.Cards, after.Text,
                change, (_, _) => FreshKey(), removed);
            var back = result.Keys.ToHashSet(StringComparer.Ordinal);
            removed.RemoveAll(r => back.Contains(r.Key));
            removed.AddRange(result.Removed);
            if (removed.Count > RecentlyRemovedLimit)
            {
                removed.RemoveRange(0, removed.Count - RecentlyRemovedLimit);
            }
        }

        _keys.AddOrUpdate(after, previous with { Keys = result.Keys });
        MoveHistory(previous.DeckKey, result);
    }

    public void Closed(string uri) => _recentlyRemoved.TryRemove(uri, out _);

    /// <summary>The keys of the deck's cards as its stored history knows them; reads only.</summary>
    public static IdentityResult Relink(ReviewStore store, string deckKey, DeckDocument document)
    {
        var history = store.KnownCards(deckKey).Select(known =>
        {
            var key = ReviewService.LocalKey(deckKey, known.Card.CardKey);
            return new KeyedFingerprint(key, new CardFingerprint(IdOf(key), known.Card.NormalizedQuestion, known.Card.NormalizedAnswer, known.Card.Ordinal));
        }).ToList();
        return CardIdentity.Relink(history, CardFingerprint.AllOf(document.Deck, document.Text), (_, _) => FreshKey());
    }

    /// <summary>The deck key already given to the deck, without making one: its own id, else what its path was stored under.</summary>
    public static string? KnownDeckKey(ReviewStore store, string path, DeckDocument document) =>
        document.Deck.Id is { } id ? $"id:{id}" : store.FindDeckByPath(path)?.DeckKey;

    /// <summary>Stores the deck's current cards (so outside edits can be re-linked later); cards gone are kept as orphans.</summary>
    public void Save(string path, DeckDocument document, DeckKeys keys)
    {
        var records = Records(document, keys);
        var title = document.Deck.Title;
        reviews.Enqueue($"store the cards of {path}", store => store.UpsertDeck(keys.DeckKey, path, title, records, reviews.Now));
    }

    /// <summary>What the database keeps of each card (its fingerprint and snippets), to re-link it after outside edits.</summary>
    public static List<CardRecord> Records(DeckDocument document, DeckKeys keys)
    {
        var prints = CardFingerprint.AllOf(document.Deck, document.Text);
        return document.Deck.Cards.Select((card, i) => new CardRecord(
            ReviewService.StoreKey(keys.DeckKey, keys.Keys[i]),
            prints[i].Question,
            prints[i].Answer,
            card.Title,
            card.Answer is { } answer ? CardText.FirstLine(document.Text.Substring(answer.Start, answer.Length)) : "",
            i)).ToList();
    }

    /// <summary>The deck at <paramref name="oldPath"/> is now at <paramref name="newPath"/>: its history goes with it.</summary>
    public void Renamed(string oldPath, string newPath)
    {
        if (_deckKeys.TryRemove(oldPath, out var known))
        {
            _deckKeys[newPath] = known;
        }

        reviews.Enqueue($"move {oldPath} to {newPath}", store =>
        {
            if (store.FindDeckByPath(oldPath) is { } deck)
            {
                store.MoveDeck(deck.DeckKey, newPath, reviews.Now);
            }
        });
    }

    // A card that gains an id keeps what it learnt under its old key.
    private void MoveHistory(string deckKey, IdentityResult result)
    {
        foreach (var link in result.Links.Where(l => l.Previous is not null && l.Previous != l.Key))
        {
            var (from, to) = (ReviewService.StoreKey(deckKey, link.Previous!), ReviewService.StoreKey(deckKey, link.Key));
            reviews.Enqueue($"move the history of {from} to {to}", store => store.MoveHistory(from, to));
        }
    }

    // Card ids cannot hold '~', so a fresh key never collides with an id.
    private static string FreshKey() => "~" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    private static string? IdOf(string localKey) => localKey.StartsWith('~') ? null : localKey;
}
