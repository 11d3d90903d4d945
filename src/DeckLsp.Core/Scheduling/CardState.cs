namespace DeckLsp.Core.Scheduling;

/// <summary>Where a card is in the FSRS lifecycle; values match ts-fsrs's State.</summary>
public enum CardState
{
    New = 0,
    Learning = 1,
    Review = 2,
    Relearning = 3,
}
