using DeckLsp.Core.Text;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Workspace;
using StreamJsonRpc;

namespace DeckLsp.Server.Handlers;

/// <summary>Folds each section and each card that spans more than one line; off the reading loop, cancellable between them.</summary>
internal sealed class FoldingRangeHandler(DocumentStore store) : ILspHandler
{
    [JsonRpcMethod(Methods.FoldingRange, UseSingleObjectParameterDeserialization = true)]
    public async Task<FoldingRange[]> FoldingRangeAsync(DocumentParams parameters, CancellationToken cancellationToken)
    {
        if (store.Get(parameters.TextDocument.Uri) is not { } open)
        {
            return [];
        }

        await Task.Yield();
        var document = open.Document;
        var spans = document.Deck.Sections.Select(s => s.Span).Concat(document.Deck.Cards.Select(c => c.Span));
        var ranges = new List<FoldingRange>();
        foreach (var span in spans)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var start = document.Lines.GetLine(span.Start);
            var end = document.Lines.GetLine(LastCharacter(document.Text, span));
            if (end > start)
            {
                ranges.Add(new FoldingRange { StartLine = start, EndLine = end });
            }
        }

        return ranges.OrderBy(r => r.StartLine).ThenByDescending(r => r.EndLine).Distinct().ToArray();
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
