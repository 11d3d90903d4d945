using DeckLsp.Server.Protocol;
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
    ILogger<TextSyncHandler> logger) : ILspHandler
{
    [JsonRpcMethod(Methods.DidOpen, UseSingleObjectParameterDeserialization = true)]
    public void DidOpen(DidOpenTextDocumentParams parameters)
    {
        var item = parameters.TextDocument;
        store.Open(item.Uri, item.Version, item.Text);
        diagnostics.PublishNow(item.Uri);
    }

    [JsonRpcMethod(Methods.DidChange, UseSingleObjectParameterDeserialization = true)]
    public void DidChange(DidChangeTextDocumentParams parameters)
    {
        var uri = parameters.TextDocument.Uri;
        if (store.Change(uri, parameters.TextDocument.Version, parameters.ContentChanges) is null)
        {
            logger.LogWarning("didChange for {Uri}, which is not open: ignored", uri);
            return;
        }

        diagnostics.Schedule(uri);
    }

    [JsonRpcMethod(Methods.DidClose, UseSingleObjectParameterDeserialization = true)]
    public void DidClose(DidCloseTextDocumentParams parameters)
    {
        var uri = parameters.TextDocument.Uri;
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
        if (store.Get(parameters.TextDocument.Uri) is not null)
        {
            diagnostics.PublishNow(parameters.TextDocument.Uri);
        }
    }
}
