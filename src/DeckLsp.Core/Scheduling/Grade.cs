namespace DeckLsp.Core.Scheduling;

/// <summary>How well a card was recalled; values match ts-fsrs's Rating (Manual = 0 is not a grade).</summary>
public enum Grade
{
    Again = 1,
    Hard = 2,
    Good = 3,
    Easy = 4,
}
