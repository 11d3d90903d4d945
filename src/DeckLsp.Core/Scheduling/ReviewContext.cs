namespace DeckLsp.Core.Scheduling;

/// <summary>One review in progress, as ts-fsrs's AbstractScheduler sets it up before grading.</summary>
/// <param name="Last">The card as given.</param>
/// <param name="Current">The card after ts-fsrs's init step: last review = now, reps + 1; outcomes start from it.</param>
/// <param name="Now">Review time.</param>
/// <param name="ElapsedDays">UTC calendar days since the last review (0 for a new card).</param>
/// <param name="Seed">Fuzz seed shared by all four grades.</param>
internal readonly record struct ReviewContext(
    CardMemory Last, CardMemory Current, DateTimeOffset Now, int ElapsedDays, string Seed);
