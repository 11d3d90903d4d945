using DeckLsp.Core.Documents;
using DeckLsp.Core.Model;
using DeckLsp.Core.Text;

namespace DeckLsp.Server.Workspace;

/// <summary>A deck of the workspace as read from disk: its parse, and what workspace search needs of it.</summary>
internal sealed record IndexedDeck(string Uri, string Title, IReadOnlyList<IndexedCard> Cards)
{
    /// <summary>The deck as parsed from disk; null for a deck taken from the editor's text.</summary>
    public DeckDocument? Document { get; init; }

    public static IndexedDeck From(string uri, DeckDocument document)
    {
        var lines = document.Lines;
        var cards = document.Deck.Cards
            .Select(card => new IndexedCard(card.Title, card.Kind, lines.GetRange(card.Span)))
            .ToArray();
        return new IndexedDeck(uri, document.Deck.Title, cards) { Document = document };
    }
}

/// <summary>A card as workspace search sees it.</summary>
internal sealed record IndexedCard(string Title, CardKind Kind, LineRange Range);
