namespace DeckLsp.Core.Identity;

/// <summary>
/// What one review is logged under: a card of a deck, one deletion of a cloze card (1-based, as
/// <see cref="Model.ClozeDeletion.Index"/>), or the reverse direction of a reversible card. Written as <c>deck/card</c>,
/// <c>deck/card#cN</c> or <c>deck/card#r</c>, which is also the base of the scheduler's fuzz seed.
/// </summary>
public readonly record struct ReviewKey(DeckKey Deck, CardKey Card, int? Deletion = null, bool Reverse = false)
{
    /// <summary>The key within its deck: the card key, or the card key and <c>#c</c> and the deletion, or <c>#r</c>.</summary>
    public string Local => Deletion is { } deletion ? CardKeys.ForDeletion(Card.Value, deletion)
        : Reverse ? CardKeys.ForReverse(Card.Value)
        : Card.Value;

    /// <summary>The review key of <paramref name="local"/> (as <see cref="Local"/> writes it) in <paramref name="deck"/>.</summary>
    public static ReviewKey Parse(DeckKey deck, string local)
    {
        var (card, deletion, reverse) = CardKeys.Split(local);
        return new ReviewKey(deck, new CardKey(card), deletion, reverse);
    }

    public override string ToString() => $"{Deck.Value}/{Local}";
}
