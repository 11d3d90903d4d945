using DeckLsp.Core.Documents;
using DeckLsp.Core.History;
using DeckLsp.Core.Identity;
using DeckLsp.Core.Model;
using DeckLsp.Core.Reviews;
using DeckLsp.Core.Scheduling;

namespace DeckLsp.Server.Reviews;

/// <summary>
/// A deck as reviewing sees it in one request: where it is, its text, its cards' keys for that text, and its history
/// as it was when the request began. Everything a handler reads comes from here.
/// </summary>
internal sealed record ReviewDeck(string Uri, string? Path, DeckDocument Document, DeckLink Link, ReviewHistory History)
{
    /// <summary>Every card of the deck as (card, card key, review key): a cloze card gives one per deletion.</summary>
    public IEnumerable<(Card Card, CardKey CardKey, ReviewKey ReviewKey)> ReviewItems() => Link.ReviewItems(Document.Deck);

    /// <summary>The history of one review key in this request's snapshot.</summary>
    public CardHistory Of(ReviewKey key) => History.Card(key);

    /// <summary>
    /// What schedules this deck's cards: the settings' scheduler with the history's fitted parameters, if it has any.
    /// Everything shown about a card (intervals, retrievability) comes from here, as its state did.
    /// </summary>
    public ReviewReplay Replay => History.Replay;

    /// <summary>Each card's due date and retrievability at <paramref name="now"/> (a cloze card's deletions together, <see cref="CardDue"/>).</summary>
    public IEnumerable<(Card Card, CardDue Due)> DueOfCards(DateTimeOffset now) =>
        ReviewItems().GroupBy(i => i.Card, ReferenceEqualityComparer.Instance)
            .Select(group => ((Card)group.Key!, CardDue.Of(group.Select(i => Of(i.ReviewKey).State).ToList(), now, Replay.Scheduler)));
}
