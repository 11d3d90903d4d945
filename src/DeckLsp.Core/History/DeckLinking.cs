using DeckLsp.Core.Identity;
using DeckLsp.Core.Model;

namespace DeckLsp.Core.History;

/// <summary>
/// Gives the cards of a deck read from disk (or opened in the editor) their keys from the deck's review history, and
/// says what the history must record so that another machine reading the same text gives the same keys.
/// </summary>
public static class DeckLinking
{
    /// <summary>
    /// The keys of <paramref name="deck"/>'s cards. The history's keys (those with ratings or a record of what they
    /// identify) are matched by id, by the hashes
    /// of what they last identified, and, for cards this machine saw (<paramref name="seenHere"/>), by similar text;
    /// a card no key fits gets the key its text gives (<see cref="ContentHash.CardKeyFor"/>), the same on every machine.
    /// </summary>
    public static IdentityResult Link(DeckKey key, Deck deck, string text, ReviewHistory history,
        IReadOnlyDictionary<CardKey, CardFingerprint>? seenHere = null) =>
        Link(key, CardFingerprint.AllOf(deck, text), history.IdentityOf(key), seenHere);

    /// <summary><see cref="Link(DeckKey, Deck, string, ReviewHistory, IReadOnlyDictionary{CardKey, CardFingerprint}?)"/> on fingerprints.</summary>
    public static IdentityResult Link(DeckKey key, IReadOnlyList<CardFingerprint> cards, DeckIdentity identity,
        IReadOnlyDictionary<CardKey, CardFingerprint>? seenHere = null)
    {
        ArgumentNullException.ThrowIfNull(cards);
        ArgumentNullException.ThrowIfNull(identity);
        var known = new List<HashedCard>();
        foreach (var card in identity.RatedCards.Union(identity.Seen.Keys).OrderBy(c => c.Value, StringComparer.Ordinal))
        {
            var text = seenHere?.GetValueOrDefault(card);
            if (identity.Seen.TryGetValue(card, out var seen))
            {
                known.Add(new HashedCard(card.Value, seen.Question, seen.Answer, text));
            }
            else if (text is not null)
            {
                var (question, answer) = ContentHash.Of(text);
                known.Add(new HashedCard(card.Value, question, answer, text));
            }
            else
            {
                // Rated before anything recorded what it identified: only its id (if it is one) can find it.
                known.Add(new HashedCard(card.Value, 0, 0, null));
            }
        }

        return CardIdentity.Link(known, cards, FreshKeys(key));
    }

    /// <summary>The keys a deck's new cards get: a hash of the deck key and the card's text.</summary>
    public static FreshKey FreshKeys(DeckKey key) => (card, attempt) => ContentHash.CardKeyFor(key, card, attempt).Value;

    /// <summary>
    /// The cards whose key has ratings but whose text the history does not know as it is now (never recorded, or
    /// edited since): the <see cref="CardSeenEvent"/>s to append, as (card key, question hash, answer hash).
    /// </summary>
    public static IReadOnlyList<(CardKey Card, ulong Question, ulong Answer)> Unrecorded(IReadOnlyList<CardKey> keys,
        IReadOnlyList<CardFingerprint> cards, DeckIdentity identity, Func<CardKey, bool>? alsoRecord = null)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(cards);
        ArgumentNullException.ThrowIfNull(identity);
        var result = new List<(CardKey, ulong, ulong)>();
        for (var i = 0; i < keys.Count && i < cards.Count; i++)
        {
            var key = keys[i];
            // Ids too: a card whose author later drops its id is found again by its text.
            if (!identity.RatedCards.Contains(key) && alsoRecord?.Invoke(key) != true)
            {
                continue;
            }

            var (question, answer) = ContentHash.Of(cards[i]);
            if (!identity.Seen.TryGetValue(key, out var seen) || seen.Question != question || seen.Answer != answer)
            {
                result.Add((key, question, answer));
            }
        }

        return result;
    }
}
