using DeckLsp.Core.Identity;

namespace DeckLsp.Core.History;

/// <summary>
/// One line of the review history (docs/history.md). The history is the union of every device's events; state is
/// derived by replaying them in <see cref="HistoryOrder"/>. Events are appended, never edited or removed.
/// </summary>
/// <param name="Id">Who wrote it, and where in that device's log.</param>
/// <param name="At">When, in UTC, to the millisecond.</param>
public abstract record HistoryEvent(EventId Id, DateTimeOffset At);

/// <summary>A rating, 1 to 5 as given; a cram rating is logged but leaves the schedule alone.</summary>
public sealed record RatingEvent(EventId Id, DateTimeOffset At, ReviewKey Key, int Rating, long DurationMs, bool Cram = false)
    : HistoryEvent(Id, At);

/// <summary>
/// The day the load balancer chose for this device's rating <paramref name="RatingSequence"/> of <paramref name="Key"/>:
/// due <paramref name="Days"/> days after it. Written with the rating (in one append, right after it) only when the
/// day differs from the one a replay gives without it; a replay honours it while it lies in the rating's fuzz range.
/// A draft's <paramref name="RatingSequence"/> of 0 names the rating just before it in the same append.
/// </summary>
public sealed record BalancedEvent(EventId Id, DateTimeOffset At, ReviewKey Key, long RatingSequence, int Days) : HistoryEvent(Id, At)
{
    /// <summary>The rating this day is for.</summary>
    public EventId Rating => new(Id.Device, RatingSequence);
}

/// <summary>
/// Takes back the rating <paramref name="Target"/> of <paramref name="Key"/>: undo is an event of its own, never a
/// rewrite, so it survives a merge.
/// </summary>
public sealed record UndoEvent(EventId Id, DateTimeOffset At, ReviewKey Key, EventId Target) : HistoryEvent(Id, At);

/// <summary>
/// What <paramref name="Card"/> of <paramref name="Deck"/> identifies: hashes of its normalized question and answer
/// (<see cref="ContentHash"/>), recorded when the key is first rated and whenever an edit changes its text, so another
/// machine reading the edited deck gives the card the same key.
/// </summary>
public sealed record CardSeenEvent(EventId Id, DateTimeOffset At, DeckKey Deck, CardKey Card, ulong Question, ulong Answer)
    : HistoryEvent(Id, At);

/// <summary>The deck <paramref name="Deck"/> is the file at <paramref name="Path"/> (relative to the repository, <c>/</c>-separated).</summary>
public sealed record DeckPlacedEvent(EventId Id, DateTimeOffset At, DeckKey Deck, string Path) : HistoryEvent(Id, At);

/// <summary>
/// The history of <paramref name="From"/> (and its cloze deletions) continues as <paramref name="To"/>'s: a card that
/// gained an explicit id keeps what it learnt under the key it had.
/// </summary>
public sealed record KeyMovedEvent(EventId Id, DateTimeOffset At, DeckKey Deck, CardKey From, CardKey To) : HistoryEvent(Id, At);

/// <summary>
/// The FSRS parameters every card of the history is scheduled with from now on (fitted by the optimizer and accepted):
/// the latest such event, in <see cref="HistoryOrder"/>, replaces the settings' weights for every rating, earlier or
/// later, so every machine derives the same states.
/// </summary>
public sealed record ParametersEvent(EventId Id, DateTimeOffset At, IReadOnlyList<double> Parameters) : HistoryEvent(Id, At)
{
    public bool Equals(ParametersEvent? other) =>
        other is not null && Id == other.Id && At == other.At && Parameters.SequenceEqual(other.Parameters);

    public override int GetHashCode() => HashCode.Combine(Id, At, Parameters.Count);
}
