using DeckLsp.Server.Protocol;
using DeckLsp.Server.Reviews;
using DeckLsp.Server.Workspace;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace DeckLsp.Server.Handlers;

/// <summary><c>workspace/didRenameFiles</c>: a deck renamed in the editor keeps its review history under the new path.</summary>
internal sealed class RenameFilesHandler(CardKeyTracker tracker, ILogger<RenameFilesHandler> logger) : ILspHandler
{
    [JsonRpcMethod(Methods.DidRenameFiles, UseSingleObjectParameterDeserialization = true)]
    public void DidRenameFiles(RenameFilesParams parameters)
    {
        foreach (var rename in parameters.Files)
        {
            if (DeckUri.ToPath(rename.OldUri) is { } from && DeckUri.ToPath(rename.NewUri) is { } to)
            {
                logger.LogInformation("Deck renamed: {From} → {To}", from, to);
                tracker.Renamed(from, to);
            }
        }
    }
}
