using DeckLsp.Server.Protocol;
using DeckLsp.Server.Workspace;
using StreamJsonRpc;

namespace DeckLsp.Server.Handlers;

/// <summary>Keeps the workspace index current as decks are created, changed or deleted on disk.</summary>
internal sealed class WatchedFilesHandler(WorkspaceIndex index) : ILspHandler
{
    [JsonRpcMethod(Methods.DidChangeWatchedFiles, UseSingleObjectParameterDeserialization = true)]
    public void DidChangeWatchedFiles(DidChangeWatchedFilesParams parameters)
    {
        foreach (var change in parameters.Changes)
        {
            if (DeckUri.ToPath(change.Uri) is not { } path
                || !DeckUri.IsDeckPath(path)
                || !DeckFiles.IsInScannedFolder(path, index.Roots))
            {
                continue;
            }

            if (change.Type == FileChangeType.Deleted)
            {
                index.Remove(path);
            }
            else
            {
                index.Refresh(path);
            }
        }
    }
}
