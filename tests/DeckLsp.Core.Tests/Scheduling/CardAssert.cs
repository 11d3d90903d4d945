using DeckLsp.Core.Scheduling;
using Xunit.Sdk;

namespace DeckLsp.Core.Tests.Scheduling;

/// <summary>Compares a scheduled card with ts-fsrs's: 1e-6 on stability and difficulty, exact on everything else.</summary>
internal static class CardAssert
{
    public const double Tolerance = 1e-6;

    public static void Matches(CardMemory expected, CardMemory actual, string context)
    {
        var problems = new List<string>();
        if (expected.State != actual.State)
        {
            problems.Add($"state {actual.State}, expected {expected.State}");
        }

        if (expected.Due.UtcDateTime != actual.Due.UtcDateTime)
        {
            problems.Add($"due {actual.Due.UtcDateTime:O}, expected {expected.Due.UtcDateTime:O}");
        }

        if (Math.Abs(expected.Stability - actual.Stability) > Tolerance)
        {
            problems.Add($"stability {actual.Stability:R}, expected {expected.Stability:R}");
        }

        if (Math.Abs(expected.Difficulty - actual.Difficulty) > Tolerance)
        {
            problems.Add($"difficulty {actual.Difficulty:R}, expected {expected.Difficulty:R}");
        }

        if (expected.ScheduledDays != actual.ScheduledDays)
        {
            problems.Add($"scheduled days {actual.ScheduledDays}, expected {expected.ScheduledDays}");
        }

        if (expected.Step != actual.Step)
        {
            problems.Add($"step {actual.Step}, expected {expected.Step}");
        }

        if (expected.Reps != actual.Reps)
        {
            problems.Add($"reps {actual.Reps}, expected {expected.Reps}");
        }

        if (expected.Lapses != actual.Lapses)
        {
            problems.Add($"lapses {actual.Lapses}, expected {expected.Lapses}");
        }

        if (expected.LastReview?.UtcDateTime != actual.LastReview?.UtcDateTime)
        {
            problems.Add($"last review {actual.LastReview:O}, expected {expected.LastReview:O}");
        }

        if (problems.Count > 0)
        {
            throw new XunitException($"{context}: {string.Join("; ", problems)}");
        }
    }
}
