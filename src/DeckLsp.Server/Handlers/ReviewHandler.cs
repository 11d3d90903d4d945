using DeckLsp.Server.Protocol;
using DeckLsp.Server.Reviews;
using StreamJsonRpc;

namespace DeckLsp.Server.Handlers;

/// <summary>
/// Study sessions over the protocol (docs/protocol.md). Work runs off the dispatcher, so a rating waiting on a busy
/// database never holds up the editor's edits; sessions order their own ratings. Only the read-only workspace counts
/// can be cancelled: a rating, once asked for, is written and answered.
/// </summary>
internal sealed class ReviewHandler(ReviewSessions sessions, ReviewCounts counts, ReviewDecks decks, ReviewService reviews) : ILspHandler
{
    [JsonRpcMethod(Methods.StartReview, UseSingleObjectParameterDeserialization = true)]
    public Task<ReviewStep> StartReview(StartReviewParams parameters) => Task.Run(() => sessions.Start(parameters));

    [JsonRpcMethod(Methods.Rate, UseSingleObjectParameterDeserialization = true)]
    public Task<ReviewStep> Rate(RateParams parameters) => Task.Run(() => sessions.Rate(parameters));

    [JsonRpcMethod(Methods.Undo, UseSingleObjectParameterDeserialization = true)]
    public Task<ReviewStep> Undo(SessionParams parameters) => Task.Run(() => sessions.Undo(parameters));

    [JsonRpcMethod(Methods.EndReview, UseSingleObjectParameterDeserialization = true)]
    public Task<EndReviewResult> EndReview(SessionParams parameters) => Task.Run(() => sessions.End(parameters));

    // The counting itself (Reviews/ReviewCounts) takes no token yet: a cancelled count is answered at once, and what
    // has started finishes unseen.
    [JsonRpcMethod(Methods.DueCounts)]
    public Task<DueCounts> DueCounts(CancellationToken cancellationToken) => Task.Run(async () =>
    {
        await reviews.WhenLoaded(decks.All().Select(d => d.Link.Source), ReviewService.LoadPatience, cancellationToken);
        return counts.Workspace();
    }, cancellationToken).WaitAsync(cancellationToken);

    [JsonRpcMethod(Methods.Orphans)]
    public Task<OrphansResult> Orphans(CancellationToken cancellationToken) => Task.Run(async () =>
    {
        await reviews.WhenLoaded(decks.All().Select(d => d.Link.Source), ReviewService.LoadPatience, cancellationToken);
        return counts.Orphans();
    }, cancellationToken).WaitAsync(cancellationToken);
}
