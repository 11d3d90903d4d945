using DeckLsp.Core.Documents;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Reviews;
using DeckLsp.Server.Workspace;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace DeckLsp.Server.Handlers;

/// <summary>
/// Keeps the document store in step with the editor. Every method is synchronous: StreamJsonRpc keeps arrival order only
/// until a handler's first await, and edits must apply in order. Nothing here waits for the disk: what the history
/// should record of an edit is handed to the <see cref="HistoryWriter"/>.
/// </summary>
internal sealed class TextSyncHandler(
    DocumentStore store,
    DiagnosticsPublisher diagnostics,
    WorkspaceIndex index,
    ReviewService reviews,
    HistoryWriter writer,
    ReviewSessions sessions,
    HistoryFollower follower,
    ILogger<TextSyncHandler> logger) : ILspHandler
{
    // Constructed with the handlers, so the history is followed from the first notification on.
    private readonly HistoryFollower _follower = follower;

    [JsonRpcMethod(Methods.DidOpen, UseSingleObjectParameterDeserialization = true)]
    public void DidOpen(DidOpenTextDocumentParams parameters)
    {
        var item = parameters.TextDocument;
        // The diagnostics need no history: they are queued before the deck is linked to it, and published while it is.
        // Linking still happens here, before any later notification is read, so an edit always finds the keys.
        var open = store.Open(item.Uri, item.Version, item.Text);
        diagnostics.PublishNow(item.Uri);
        open = store.LinkOpened(open, Link);
        Record(open);
    }

    [JsonRpcMethod(Methods.DidChange, UseSingleObjectParameterDeserialization = true)]
    public void DidChange(DidChangeTextDocumentParams parameters)
    {
        var uri = parameters.TextDocument.Uri;
        try
        {
            var (changed, drafts) = store.Change(uri, parameters.TextDocument.Version, parameters.ContentChanges, reviews.Now);
            if (changed is null)
            {
                logger.LogWarning("didChange for {Uri}, which is not open: ignored", uri);
                return;
            }

            if (drafts.Count > 0 && changed.Link is { } link)
            {
                writer.Enqueue($"record what an edit of {uri} moved", () => link.Source.Append(drafts));
            }
        }
        catch (EditObserverException e)
        {
            // The edit is applied; only the card keys' view of it failed, and the deck's diagnostics must still follow.
            logger.LogError(e.InnerException, "Could not follow the cards of {Uri} through an edit", uri);
        }

        diagnostics.Schedule(uri);
        sessions.DocumentChanged(uri);
    }

    [JsonRpcMethod(Methods.DidClose, UseSingleObjectParameterDeserialization = true)]
    public void DidClose(DidCloseTextDocumentParams parameters)
    {
        var uri = parameters.TextDocument.Uri;
        if (store.Get(uri) is { } open)
        {
            Record(open);
        }

        store.Close(uri);
        diagnostics.Clear(uri);

        // Unsaved edits are gone with the editor: the index goes back to what the disk holds.
        if (DeckUri.ToPath(uri) is { } path && DeckUri.IsDeckPath(path) && DeckFiles.IsInScannedFolder(path, index.Roots))
        {
            index.Refresh(path);
        }
    }

    [JsonRpcMethod(Methods.DidSave, UseSingleObjectParameterDeserialization = true)]
    public void DidSave(DidSaveTextDocumentParams parameters)
    {
        // Link targets may have appeared since; unchanged diagnostics are not republished.
        if (store.Get(parameters.TextDocument.Uri) is { } open)
        {
            diagnostics.PublishNow(parameters.TextDocument.Uri);
            Record(open);
        }
    }

    // Which history the deck belongs to, and its cards' keys there: in memory only (a history still loading is empty,
    // and the deck is linked again once it is read). A failure here costs the deck its history, never its diagnostics.
    private DeckLink? Link(string uri, string? path, DeckDocument document)
    {
        try
        {
            var source = reviews.SourceFor(path);
            return DeckLink.Link(source, path is null ? uri : source.PlacementPath(path), document);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Could not link {Uri} to its review history", uri);
            return null;
        }
    }

    // What the deck's reviewed cards are now, for other machines (what each key identifies) and this one (their text).
    private void Record(OpenDocument open)
    {
        if (open.Link is not { } link)
        {
            return;
        }

        var now = reviews.Now;
        writer.Enqueue($"record the cards of {open.Uri}", () =>
        {
            var (drafts, seen) = link.Unrecorded(open.Document, now);
            link.Source.Append(drafts);
            link.Source.RecordSeen(link.Deck, seen);
        });
    }
}
