using DeckLsp.Server.History;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Reviews;
using DeckLsp.Server.Workspace;
using StreamJsonRpc;

namespace DeckLsp.Server.Handlers;

/// <summary>
/// Files changed on disk: decks keep the workspace index current; a history log that changed (a pull, another window)
/// is read for its new lines; a deck repository created or removed is looked for again.
/// </summary>
internal sealed class WatchedFilesHandler(WorkspaceIndex index, ReviewService reviews, HistoryWriter writer) : ILspHandler
{
    [JsonRpcMethod(Methods.DidChangeWatchedFiles, UseSingleObjectParameterDeserialization = true)]
    public void DidChangeWatchedFiles(DidChangeWatchedFilesParams parameters)
    {
        var logs = new HashSet<HistorySource>();
        foreach (var change in parameters.Changes)
        {
            if (DeckUri.ToPath(change.Uri) is not { } path)
            {
                continue;
            }

            if (IsHistoryLog(path))
            {
                // .decklsp/history/DEVICE.log: the repository is two folders up.
                var root = Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(path)))!;
                reviews.Histories.ForgetRepositories();
                if (reviews.Histories.Sources.FirstOrDefault(s => s is RepositoryHistory r && r.Repository.Root == root) is { } source)
                {
                    logs.Add(source);
                }

                continue;
            }

            if (!DeckUri.IsDeckPath(path) || !DeckFiles.IsInScannedFolder(path, index.Roots))
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

        foreach (var source in logs)
        {
            writer.Enqueue($"read the new lines of {source.Name}'s history", () => source.Refresh());
        }
    }

    private static bool IsHistoryLog(string path) =>
        path.EndsWith(DeviceLog.Extension, StringComparison.Ordinal)
        && Path.GetFileName(Path.GetDirectoryName(path)) == "history"
        && Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(path))) == DeckRepository.FolderName;
}
