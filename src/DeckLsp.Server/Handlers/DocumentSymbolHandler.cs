using System.Runtime.CompilerServices;
using System.Text.Json;
using DeckLsp.Core.Documents;
using DeckLsp.Core.Model;
using DeckLsp.Core.Text;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Workspace;
using StreamJsonRpc;

namespace DeckLsp.Server.Handlers;

/// <summary>
/// The outline: sections nested by heading level, each holding its cards; cards before any heading at the top. Written
/// as JSON (the <see cref="DocumentSymbol"/> tree) once per snapshot, off the reading loop, cancellable between cards.
/// </summary>
internal sealed class DocumentSymbolHandler(DocumentStore store) : ILspHandler
{
    // The DTOs' member names, encoded once: the outline of a large deck writes each thousands of times.
    private static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    private static readonly JsonEncodedText Detail = JsonEncodedText.Encode("detail");
    private static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
    private static readonly JsonEncodedText RangeName = JsonEncodedText.Encode("range");
    private static readonly JsonEncodedText SelectionRange = JsonEncodedText.Encode("selectionRange");
    private static readonly JsonEncodedText Children = JsonEncodedText.Encode("children");
    private static readonly JsonEncodedText ClozeDetail = JsonEncodedText.Encode("cloze");
    private static readonly JsonEncodedText ReversibleDetail = JsonEncodedText.Encode("reversible card");
    private static readonly JsonEncodedText CardDetail = JsonEncodedText.Encode("card");

    // The outline of each snapshot of a document's text: an editor asks again for the same one as focus moves.
    private readonly ConditionalWeakTable<DeckDocument, PreparedJson> _outlines = [];

    [JsonRpcMethod(Methods.DocumentSymbol, UseSingleObjectParameterDeserialization = true)]
    public async Task<PreparedJson> DocumentSymbolAsync(DocumentParams parameters, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (store.Get(parameters.TextDocument.Uri) is not { } open)
        {
            return PreparedJson.EmptyArray;
        }

        if (_outlines.TryGetValue(open.Document, out var known))
        {
            return known;
        }

        await Task.Yield();
        var outline = Outline(open.Document, cancellationToken);
        _outlines.AddOrUpdate(open.Document, outline);
        return outline;
    }

    // Each section's children (subsections and cards) and the top level, in document order: a section is item i, a
    // card item ~i. Walking sections and cards together in order leaves every list in order, as the outline wants it.
    private static PreparedJson Outline(DeckDocument document, CancellationToken cancellationToken)
    {
        var deck = document.Deck;
        var (sections, cards) = (deck.Sections, deck.Cards);
        var top = new List<int>();
        var children = new List<int>?[sections.Count];
        var counts = new int[sections.Count];
        for (int s = 0, c = 0; s < sections.Count || c < cards.Count;)
        {
            if (c % 1024 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var isSection = s < sections.Count && (c >= cards.Count || sections[s].Span.Start <= cards[c].Span.Start);
            var (item, parent) = isSection ? (s, sections[s].ParentIndex) : (~c, cards[c].SectionIndex);
            (parent >= 0 ? children[parent] ??= [] : top).Add(item);
            if (isSection)
            {
                s++;
                continue;
            }

            for (var section = parent; section >= 0; section = sections[section].ParentIndex)
            {
                counts[section]++;
            }

            c++;
        }

        return PreparedJson.Write(writer =>
        {
            writer.WriteStartArray();
            foreach (var item in top)
            {
                Symbol(writer, document, children, counts, item);
            }

            writer.WriteEndArray();
        });
    }

    // One DocumentSymbol and its children, member by member as the DTO is serialized.
    private static void Symbol(Utf8JsonWriter writer, DeckDocument document, List<int>?[] children, int[] counts, int item)
    {
        writer.WriteStartObject();
        if (item >= 0)
        {
            var section = document.Deck.Sections[item];
            writer.WriteString(Name, section.Title.Length > 0 ? section.Title : "(untitled section)");
            writer.WriteString(Detail, CodeLensHandler.Cards(counts[item]));
            writer.WriteNumber(Kind, SymbolKind.Namespace);
            Range(writer, RangeName, document.Lines, section.Span);
            Range(writer, SelectionRange, document.Lines, section.Heading);
            if (children[item] is { } inside)
            {
                writer.WriteStartArray(Children);
                foreach (var child in inside)
                {
                    Symbol(writer, document, children, counts, child);
                }

                writer.WriteEndArray();
            }
        }
        else
        {
            var card = document.Deck.Cards[~item];
            writer.WriteString(Name, card.Title.Length > 0 ? card.Title : "(empty question)");
            writer.WriteString(Detail, card.Kind switch
            {
                CardKind.Cloze => ClozeDetail,
                CardKind.Reversible => ReversibleDetail,
                _ => CardDetail,
            });
            writer.WriteNumber(Kind, SymbolKind.Key);
            Range(writer, RangeName, document.Lines, card.Span);
            Range(writer, SelectionRange, document.Lines,
                card.Question.IsEmpty ? card.Marker : TextSpan.FromBounds(card.Marker.Start, card.Question.End));
        }

        writer.WriteEndObject();
    }

    private static void Range(Utf8JsonWriter writer, JsonEncodedText name, LineMap lines, TextSpan span)
    {
        var (start, end) = (lines.GetPosition(span.Start), lines.GetPosition(span.End));
        PreparedLsp.Range(writer, name, start.Line, start.Character, end.Line, end.Character);
    }
}
