using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.History;

/// <summary>
/// One review key's history as derived from the log: its ratings still in force (undone ones left out), oldest
/// first, and the scheduling state they replay to.
/// </summary>
/// <param name="State">The state after every scheduling rating; null when none is left (the card is new).</param>
/// <param name="Ratings">Ratings in force, in <see cref="HistoryOrder"/>, cram ratings included.</param>
/// <param name="FirstReview">The first scheduling rating's time: the day the card was introduced.</param>
public sealed record CardHistory(CardMemory? State, IReadOnlyList<RatingEvent> Ratings, DateTimeOffset? FirstReview)
{
    public static CardHistory None { get; } = new(null, [], null);

    /// <summary>The last rating in force, if any: the one an undo would take back.</summary>
    public RatingEvent? LastRating => Ratings.Count > 0 ? Ratings[^1] : null;
}
