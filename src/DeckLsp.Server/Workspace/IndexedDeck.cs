using DeckLsp.Core.Documents;
using DeckLsp.Core.Model;
using DeckLsp.Core.Text;

namespace DeckLsp.Server.Workspace;

/// <summary>What workspace search needs of one deck: its title and its cards' titles and places.</summary>
internal sealed record IndexedDeck(string Uri, string Title, IReadOnlyList<IndexedCard> Cards)
{
    public static IndexedDeck From(string uri, DeckDocument document)
    {
        var lines = document.Lines;
        var cards = document.Deck.Cards
            .Select(card => new IndexedCard(card.Title, card.Kind, lines.GetRange(card.Span)))
            .ToArray();
        return new IndexedDeck(uri, document.Deck.Title, cards);
    }
}

/// <summary>A card as workspace search sees it.</summary>
internal sealed record IndexedCard(string Title, CardKind Kind, LineRange Range);
