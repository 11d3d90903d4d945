using System.Globalization;
using DeckLsp.Core.Model;
using DeckLsp.Core.Reviews;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Reviews;
using DeckLsp.Server.Workspace;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace DeckLsp.Server.Handlers;

/// <summary>
/// Due dates inline: at the end of each card's question line, when it is due ("new", "due", "in 3d") and, for a card
/// reviewed before, how likely it is to be remembered now ("R 91%"). Read from one snapshot of the document and its
/// history; refreshed (<c>workspace/inlayHint/refresh</c>) when the history changes.
/// </summary>
internal sealed class InlayHintHandler(DocumentStore store, ReviewDecks decks, ReviewService reviews, ILogger<InlayHintHandler> logger) : ILspHandler
{
    [JsonRpcMethod(Methods.InlayHint, UseSingleObjectParameterDeserialization = true)]
    public async Task<InlayHint[]> InlayHintAsync(InlayHintParams parameters, CancellationToken cancellationToken)
    {
        var uri = parameters.TextDocument.Uri;
        await reviews.WhenLoaded([store.Get(uri)?.Link?.Source], ReviewService.LoadPatience, cancellationToken).ConfigureAwait(false);
        var snapshot = store.Current;
        ReviewDeck? deck;
        try
        {
            deck = decks.Find(snapshot, uri);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "No due dates for {Uri}", uri);
            return [];
        }

        if (deck is null)
        {
            return [];
        }

        var lines = deck.Document.Lines;
        var (first, last) = (parameters.Range.Start.Line, parameters.Range.End.Line);
        var now = reviews.Now;
        var hints = new List<InlayHint>();
        foreach (var (card, due) in deck.DueOfCards(now))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var line = lines.GetLine(card.Marker.Start);
            if (line < first || line > last)
            {
                continue;
            }

            var percent = (int)Math.Round(due.Retrievability * 100, MidpointRounding.AwayFromZero);
            var label = due.IsNew ? due.When(now) : string.Create(CultureInfo.InvariantCulture, $"{due.When(now)} · R {percent}%");
            hints.Add(new InlayHint
            {
                Position = new Position { Line = line, Character = lines.LineEnd(line, deck.Document.Text) - lines.LineStart(line) },
                Label = label,
                Tooltip = due.IsNew
                    ? "Never studied"
                    : string.Create(CultureInfo.InvariantCulture, $"Due {due.Due.ToLocalTime():yyyy-MM-dd HH:mm}; chance of remembering it now: {percent}%"),
                PaddingLeft = true,
            });
        }

        return hints.ToArray();
    }
}
