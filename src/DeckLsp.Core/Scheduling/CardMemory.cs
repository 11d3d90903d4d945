namespace DeckLsp.Core.Scheduling;

/// <summary>A card's scheduling state, field for field ts-fsrs's Card (Step is its learning_steps).</summary>
/// <param name="State">Lifecycle state.</param>
/// <param name="Due">When the card is next due.</param>
/// <param name="Stability">Days until recall probability falls to 90%; 0 for a new card.</param>
/// <param name="Difficulty">1..10; 0 for a new card.</param>
/// <param name="ScheduledDays">Whole days between the last review and <paramref name="Due"/> (0 for minute steps).</param>
/// <param name="Step">Index of the current (re)learning step.</param>
/// <param name="Reps">Number of reviews.</param>
/// <param name="Lapses">Number of times a Review card was answered Again.</param>
/// <param name="LastReview">Time of the last review; null for a new card.</param>
public sealed record CardMemory(
    CardState State,
    DateTimeOffset Due,
    double Stability,
    double Difficulty,
    int ScheduledDays,
    int Step,
    int Reps,
    int Lapses,
    DateTimeOffset? LastReview)
{
    /// <summary>A card never reviewed, due at <paramref name="now"/>.</summary>
    public static CardMemory New(DateTimeOffset now) =>
        new(CardState.New, now, 0, 0, 0, 0, 0, 0, null);
}
