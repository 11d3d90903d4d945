using System.Runtime.CompilerServices;
using System.Text.Json;
using DeckLsp.Core.Documents;
using DeckLsp.Core.Text;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Workspace;
using StreamJsonRpc;

namespace DeckLsp.Server.Handlers;

/// <summary>
/// Folds each section and each card that spans more than one line. Written as JSON (<see cref="FoldingRange"/>s) once
/// per snapshot, off the reading loop, cancellable between cards.
/// </summary>
internal sealed class FoldingRangeHandler(DocumentStore store) : ILspHandler
{
    private static readonly JsonEncodedText StartLine = JsonEncodedText.Encode("startLine");
    private static readonly JsonEncodedText EndLine = JsonEncodedText.Encode("endLine");

    // The folds of each snapshot of a document's text: an editor asks again after each edit, and on focus.
    private readonly ConditionalWeakTable<DeckDocument, PreparedJson> _folds = [];

    [JsonRpcMethod(Methods.FoldingRange, UseSingleObjectParameterDeserialization = true)]
    public async Task<PreparedJson> FoldingRangeAsync(DocumentParams parameters, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (store.Get(parameters.TextDocument.Uri) is not { } open)
        {
            return PreparedJson.EmptyArray;
        }

        if (_folds.TryGetValue(open.Document, out var known))
        {
            return known;
        }

        await Task.Yield();
        var folds = Folds(open.Document, cancellationToken);
        _folds.AddOrUpdate(open.Document, folds);
        return folds;
    }

    // Ordered by first line, the longer of two that start together first, each once.
    private static PreparedJson Folds(DeckDocument document, CancellationToken cancellationToken)
    {
        var deck = document.Deck;
        var ranges = new List<(int Start, int End)>(deck.Sections.Count + deck.Cards.Count);
        void Add(TextSpan span)
        {
            var start = document.Lines.GetLine(span.Start);
            var end = document.Lines.GetLine(LastCharacter(document.Text, span));
            if (end > start)
            {
                ranges.Add((start, end));
            }
        }

        foreach (var section in deck.Sections)
        {
            Add(section.Span);
        }

        var cards = deck.Cards;
        for (var i = 0; i < cards.Count; i++)
        {
            if (i % 1024 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            Add(cards[i].Span);
        }

        ranges.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : b.End.CompareTo(a.End));
        return PreparedJson.Write(writer =>
        {
            writer.WriteStartArray();
            for (var i = 0; i < ranges.Count; i++)
            {
                if (i > 0 && ranges[i] == ranges[i - 1])
                {
                    continue;
                }

                writer.WriteStartObject();
                writer.WriteNumber(StartLine, ranges[i].Start);
                writer.WriteNumber(EndLine, ranges[i].End);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        });
    }

    // A section runs on to the next heading, blank lines included; the fold ends at its last visible character.
    private static int LastCharacter(string text, TextSpan span)
    {
        var end = span.End;
        while (end > span.Start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return Math.Max(span.Start, end - 1);
    }
}
