using DeckLsp.Server.Protocol;
using DeckLsp.Server.Reviews;
using DeckLsp.Server.Workspace;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace DeckLsp.Server.Handlers;

/// <summary>
/// Keeps the document store in step with the editor. Every method is synchronous: StreamJsonRpc keeps arrival order only
/// until a handler's first await, and edits must apply in order.
/// </summary>
internal sealed class TextSyncHandler(
    DocumentStore store,
    DiagnosticsPublisher diagnostics,
    WorkspaceIndex index,
    CardKeyTracker keys,
    ReviewSessions sessions,
    ILogger<TextSyncHandler> logger) : ILspHandler
{
    [JsonRpcMethod(Methods.DidOpen, UseSingleObjectParameterDeserialization = true)]
    public void DidOpen(DidOpenTextDocumentParams parameters)
    {
        var item = parameters.TextDocument;
        var open = store.Open(item.Uri, item.Version, item.Text);
        diagnostics.PublishNow(item.Uri);
        LinkToHistory(open);
    }

    [JsonRpcMethod(Methods.DidChange, UseSingleObjectParameterDeserialization = true)]
    public void DidChange(DidChangeTextDocumentParams parameters)
    {
        var uri = parameters.TextDocument.Uri;
        try
        {
            if (store.Change(uri, parameters.TextDocument.Version, parameters.ContentChanges,
                    (before, change, after) => keys.Changed(uri, before, change, after)) is null)
            {
                logger.LogWarning("didChange for {Uri}, which is not open: ignored", uri);
                return;
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
            SaveCards(open);
        }

        store.Close(uri);
        keys.Closed(uri);
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
            SaveCards(open);
        }
    }

    // The history database is opened and read here, after the document is in the store: a database problem is logged
    // and the deck still gets its diagnostics and lenses.
    private void LinkToHistory(OpenDocument open)
    {
        try
        {
            keys.Link(open.Path ?? open.Uri, open.Document);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Could not link {Uri} to its review history", open.Uri);
        }
    }

    // What the cards look like now is what re-links them after edits made outside the editor.
    private void SaveCards(OpenDocument open)
    {
        if (keys.KeysOf(open.Document) is { } known)
        {
            keys.Save(open.Path ?? open.Uri, open.Document, known);
        }
    }
}
