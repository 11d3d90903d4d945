using DeckLsp.Core.Model;
using DeckLsp.Core.Text;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Workspace;
using StreamJsonRpc;

namespace DeckLsp.Server.Handlers;

/// <summary>
/// The outline: sections nested by heading level, each holding its cards; cards before any heading at the top. Runs off
/// the reading loop on the snapshot of its arrival, so <c>$/cancelRequest</c> can stop it between cards.
/// </summary>
internal sealed class DocumentSymbolHandler(DocumentStore store) : ILspHandler
{
    private sealed class Node(int start, DocumentSymbol symbol)
    {
        public int Start { get; } = start;

        public DocumentSymbol Symbol { get; } = symbol;

        public List<Node> Children { get; } = [];

        public DocumentSymbol Build() => Symbol with
        {
            Children = Children.Count == 0 ? null : Children.OrderBy(c => c.Start).Select(c => c.Build()).ToArray(),
        };
    }

    [JsonRpcMethod(Methods.DocumentSymbol, UseSingleObjectParameterDeserialization = true)]
    public async Task<DocumentSymbol[]> DocumentSymbolAsync(DocumentParams parameters, CancellationToken cancellationToken)
    {
        if (store.Get(parameters.TextDocument.Uri) is not { } open)
        {
            return [];
        }

        await Task.Yield();
        var deck = open.Document.Deck;
        var lines = open.Document.Lines;
        var top = new List<Node>();
        var sections = new Node[deck.Sections.Count];
        var counts = new int[deck.Sections.Count];
        foreach (var card in deck.Cards)
        {
            for (var s = card.SectionIndex; s >= 0; s = deck.Sections[s].ParentIndex)
            {
                counts[s]++;
            }
        }

        foreach (var section in deck.Sections)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var node = new Node(section.Span.Start, new DocumentSymbol
            {
                Name = section.Title.Length > 0 ? section.Title : "(untitled section)",
                Detail = CodeLensHandler.Cards(counts[section.Index]),
                Kind = SymbolKind.Namespace,
                Range = lines.ToRange(section.Span),
                SelectionRange = lines.ToRange(section.Heading),
            });
            sections[section.Index] = node;
            (section.ParentIndex >= 0 ? sections[section.ParentIndex].Children : top).Add(node);
        }

        foreach (var card in deck.Cards)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var node = new Node(card.Span.Start, new DocumentSymbol
            {
                Name = card.Title.Length > 0 ? card.Title : "(empty question)",
                Detail = card.Kind switch
                {
                    CardKind.Cloze => "cloze",
                    CardKind.Reversible => "reversible card",
                    _ => "card",
                },
                Kind = SymbolKind.Key,
                Range = lines.ToRange(card.Span),
                SelectionRange = lines.ToRange(card.Question.IsEmpty ? card.Marker : TextSpan.FromBounds(card.Marker.Start, card.Question.End)),
            });
            (card.SectionIndex >= 0 ? sections[card.SectionIndex].Children : top).Add(node);
        }

        return top.OrderBy(n => n.Start).Select(n => n.Build()).ToArray();
    }
}
