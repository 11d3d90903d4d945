using System.Collections.Immutable;
using DeckLsp.Core.Identity;

namespace DeckLsp.Core.History;

/// <summary>
/// What the history knows of one deck's cards: what each card key last identified (its <see cref="CardSeenEvent"/>),
/// and the review keys that have ratings. Linking a deck read from disk to its history starts here.
/// </summary>
public sealed record DeckIdentity(
    ImmutableDictionary<CardKey, CardSeenEvent> Seen,
    ImmutableHashSet<ReviewKey> Rated,
    ImmutableHashSet<CardKey> RatedCards)
{
    public static DeckIdentity Empty { get; } = new(ImmutableDictionary<CardKey, CardSeenEvent>.Empty, [], []);

    internal DeckIdentity WithSeen(CardSeenEvent seen) =>
        Seen.TryGetValue(seen.Card, out var known) && HistoryOrder.Instance.Compare(known, seen) >= 0
            ? this
            : this with { Seen = Seen.SetItem(seen.Card, seen) };

    internal DeckIdentity WithRated(ReviewKey key) =>
        Rated.Contains(key) ? this : this with { Rated = Rated.Add(key), RatedCards = RatedCards.Add(key.Card) };
}
