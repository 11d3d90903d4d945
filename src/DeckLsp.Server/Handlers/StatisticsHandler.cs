using DeckLsp.Server.Protocol;
using DeckLsp.Server.Reviews;
using StreamJsonRpc;

namespace DeckLsp.Server.Handlers;

/// <summary>
/// <c>deck/statistics</c> (docs/protocol.md): the figures the statistics view draws, for a deck, a folder or the
/// workspace. Runs off the dispatcher on the decks as they are when it starts; read-only, so it can be cancelled.
/// </summary>
internal sealed class StatisticsHandler(ReviewStatistics statistics) : ILspHandler
{
    [JsonRpcMethod(Methods.Statistics, UseSingleObjectParameterDeserialization = true)]
    public Task<StatisticsResult> Statistics(StatisticsParams parameters, CancellationToken cancellationToken) =>
        Task.Run(() => statistics.OfAsync(parameters.Uri, cancellationToken), cancellationToken).WaitAsync(cancellationToken);
}
