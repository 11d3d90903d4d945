using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.Reviews;

/// <summary>A card a session may study: its key, its scheduling state (null: never reviewed) and where it stands in the deck.</summary>
/// <param name="Position">Order in the deck (or across decks, for a folder), used for new cards and as the tie-breaker.</param>
public sealed record SessionCard(string Key, CardMemory? Memory, int Position)
{
    public bool IsNew => Memory is null || Memory.State == CardState.New;

    public bool IsLearning => Memory?.State is CardState.Learning or CardState.Relearning;
}
