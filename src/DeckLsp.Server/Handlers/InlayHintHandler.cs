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
/// history, for the cards in the range asked for only; refreshed (<c>workspace/inlayHint/refresh</c>) when the history
/// changes.
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
        var cards = deck.Document.Deck.Cards;
        var (first, last) = (parameters.Range.Start.Line, parameters.Range.End.Line);
        var now = reviews.Now;
        var hints = new List<InlayHint>();
        for (var i = FirstCardFrom(cards, lines.LineStart(Math.Max(0, first))); i < cards.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var line = lines.GetLine(cards[i].Marker.Start);
            if (line > last)
            {
                break;
            }

            if (line < first || deck.DueOf(i, now) is not { } due)
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

    // The first card whose marker is at or after the offset: the editor asks for the lines on screen, so only the cards
    // there are read, however long the deck.
    private static int FirstCardFrom(IReadOnlyList<Card> cards, int offset)
    {
        var (low, high) = (0, cards.Count);
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            if (cards[middle].Marker.Start < offset)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
