namespace DeckLsp.Core.Identity;

/// <summary>
/// What one review is logged under: a card of a deck, or one deletion of a cloze card (1-based, as
/// <see cref="Model.ClozeDeletion.Index"/>). Written as <c>deck/card</c> or <c>deck/card#cN</c>, which is also the
/// base of the scheduler's fuzz seed.
/// </summary>
public readonly record struct ReviewKey(DeckKey Deck, CardKey Card, int? Deletion = null)
{
    /// <summary>The key within its deck: the card key, or the card key, <c>#c</c> and the deletion.</summary>
    public string Local => Deletion is { } deletion ? CardKeys.ForDeletion(Card.Value, deletion) : Card.Value;

    /// <summary>The review key of <paramref name="local"/> (as <see cref="Local"/> writes it) in <paramref name="deck"/>.</summary>
    public static ReviewKey Parse(DeckKey deck, string local)
    {
        var (card, deletion) = CardKeys.Split(local);
        return new ReviewKey(deck, new CardKey(card), deletion);
    }

    public override string ToString() => $"{Deck.Value}/{Local}";
}
