using DeckLsp.Core.History;
using DeckLsp.Core.Identity;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Reviews;
using DeckLsp.Server.Workspace;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace DeckLsp.Server.Handlers;

/// <summary>
/// <c>workspace/didRenameFiles</c>: a deck renamed in the editor keeps its review history under the new path. The
/// history records where the deck now is before the next notification (the reopen under the new name) is handled.
/// </summary>
internal sealed class RenameFilesHandler(DocumentStore store, ReviewService reviews, ILogger<RenameFilesHandler> logger) : ILspHandler
{
    [JsonRpcMethod(Methods.DidRenameFiles, UseSingleObjectParameterDeserialization = true)]
    public void DidRenameFiles(RenameFilesParams parameters)
    {
        foreach (var rename in parameters.Files)
        {
            if (DeckUri.ToPath(rename.OldUri) is not { } from || DeckUri.ToPath(rename.NewUri) is not { } to || !DeckUri.IsDeckPath(to))
            {
                continue;
            }

            logger.LogInformation("Deck renamed: {From} → {To}", from, to);
            try
            {
                Place(rename.OldUri, from, to);
            }
            catch (Exception e)
            {
                logger.LogError(e, "Could not record that {From} is now {To}: its history stays under the old name", from, to);
            }
        }
    }

    private void Place(string oldUri, string from, string to)
    {
        var source = reviews.Loaded(reviews.SourceFor(from));
        if (!ReferenceEquals(reviews.SourceFor(to), source))
        {
            // Moved into another repository: its history stays where it was made.
            return;
        }

        var history = source.Current;
        var deck = store.Get(oldUri)?.Link?.Deck ?? history.Placements.KeyOf(source.PlacementPath(from));
        var identity = history.IdentityOf(deck);
        if (deck.IsId || (identity.Rated.Count == 0 && identity.Seen.Count == 0))
        {
            // Found by its id wherever it goes, or nothing to keep: the new path gives it a key of its own.
            return;
        }

        source.Append([new DeckPlacedEvent(default, reviews.Now, deck, source.PlacementPath(to))]);
    }
}
