using DeckLsp.Server.Protocol;
using DeckLsp.Server.Transport;
using Microsoft.Extensions.Logging;

namespace DeckLsp.Server.Hosting;

/// <summary>
/// Tells of the messages the transport refused. Each goes to the log. A notification cannot be answered, so one that was
/// dropped is also shown to the user (once per method): nothing else would say that an edit or an open was lost.
/// </summary>
internal sealed class RefusedMessages(ILanguageClient client, ILogger<RefusedMessages> logger)
{
    private readonly HashSet<string> _shown = new(StringComparer.Ordinal);

    public void Report(Refusal refusal)
    {
        logger.LogWarning("Refused {Message}: {Problem}", refusal.Method is { } name ? $"a `{name}` message" : "a message", refusal.Problem);
        if (refusal.Answered || refusal.Method is not { } method || method.StartsWith("$/", StringComparison.Ordinal))
        {
            return;
        }

        lock (_shown)
        {
            if (!_shown.Add(method))
            {
                return;
            }
        }

        var consequence = method is Methods.DidOpen or Methods.DidChange
            ? " The server no longer has the editor's text of that deck: close it and open it again."
            : "";
        _ = client.ShowMessageAsync(new ShowMessageParams
        {
            Type = MessageType.Warning,
            Message = $"DeckLsp ignored a `{method}` notification from the editor: {refusal.Problem}{consequence}",
        }).ContinueWith(t => _ = t.Exception, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously);
    }
}
