using DeckLsp.Core.Model;

namespace DeckLsp.Core.Identity;

/// <summary>A snapshot's cards with the key of each (parallel lists), and the text their spans point into.</summary>
public sealed record KeyedCards
{
    public KeyedCards(string text, IReadOnlyList<Card> cards, IReadOnlyList<string> keys)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(cards);
        ArgumentNullException.ThrowIfNull(keys);
        if (cards.Count != keys.Count)
        {
            throw new ArgumentException($"{cards.Count} cards but {keys.Count} keys: each card needs one key.", nameof(keys));
        }

        Text = text;
        Cards = cards;
        Keys = keys;
    }

    public string Text { get; }

    public IReadOnlyList<Card> Cards { get; }

    public IReadOnlyList<string> Keys { get; }
}
