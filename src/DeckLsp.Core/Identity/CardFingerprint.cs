using DeckLsp.Core.Model;

namespace DeckLsp.Core.Identity;

/// <summary>
/// What identifies a card when nothing else does: its question and answer with case, white space, emphasis and
/// comments folded away (<see cref="CardText.Normalize"/>), its explicit id if any, and its place among the deck's cards.
/// Stored with a card's key so a card edited outside the editor can be found again.
/// </summary>
public sealed record CardFingerprint(string? Id, string Question, string Answer, int Ordinal)
{
    public static CardFingerprint Of(Card card, string deckText, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(deckText);
        var answer = card.Answer is { } span ? CardText.Normalize(deckText.Substring(span.Start, span.Length)) : "";
        return new CardFingerprint(card.Id, CardText.Normalize(deckText.Substring(card.Question.Start, card.Question.Length)), answer, ordinal);
    }

    /// <summary>The fingerprints of a deck's cards, in order.</summary>
    public static IReadOnlyList<CardFingerprint> AllOf(Deck deck, string deckText)
    {
        ArgumentNullException.ThrowIfNull(deck);
        return deck.Cards.Select((card, ordinal) => Of(card, deckText, ordinal)).ToArray();
    }

    /// <summary>Same question and answer, wherever the card stands and whatever its id.</summary>
    public bool HasSameText(CardFingerprint other) => Question == other.Question && Answer == other.Answer;
}
