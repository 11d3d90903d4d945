using DeckLsp.Core.History;
using DeckLsp.Server.Hosting;
using DeckLsp.Server.History;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Workspace;
using Microsoft.Extensions.Logging;

namespace DeckLsp.Server.Reviews;

/// <summary>
/// Keeps the editor in step with the history (docs/history.md, "Live"): when a history changes (loaded, a rating here,
/// another window's, a pull), open decks whose card identities it touched are linked again, and lenses and due counts
/// are refreshed.
/// </summary>
internal sealed class HistoryFollower
{
    private readonly DocumentStore _store;
    private readonly ILanguageClient _client;
    private readonly ServerSession _server;
    private readonly ILogger<HistoryFollower> _logger;

    public HistoryFollower(ReviewService reviews, DocumentStore store, ILanguageClient client, ServerSession server, ILogger<HistoryFollower> logger)
    {
        _store = store;
        _client = client;
        _server = server;
        _logger = logger;
        reviews.HistoryChanged += Changed;
    }

    private void Changed(HistorySource source, HistoryUpdate update)
    {
        if (update.Whole || update.Placements || update.Identities.Count > 0)
        {
            var relinked = _store.Relink(source, link => update.Whole || update.Placements || update.Identities.Contains(link.Deck));
            if (relinked.Count > 0)
            {
                _logger.LogInformation("History of {Name} changed: keys linked again in {Decks}", source.Name, string.Join(", ", relinked));
            }
        }

        if (update.Cards.Count > 0)
        {
            CountsChanged();
        }
    }

    // Lenses, inlay hints and the status bar show what is due: after any change of the history they are out of date.
    private void CountsChanged()
    {
        _ = _client.NotifyAsync(Methods.CountsChanged, new CountsChangedParams());
        if (_server.Capabilities.CanRefreshCodeLenses)
        {
            _ = _client.RefreshCodeLensesAsync().ContinueWith(
                t => _logger.LogDebug(t.Exception, "The client did not refresh its code lenses"), TaskContinuationOptions.OnlyOnFaulted);
        }

        if (_server.InlayHints && _server.Capabilities.CanRefreshInlayHints)
        {
            _ = _client.RefreshInlayHintsAsync().ContinueWith(
                t => _logger.LogDebug(t.Exception, "The client did not refresh its inlay hints"), TaskContinuationOptions.OnlyOnFaulted);
        }
    }
}
