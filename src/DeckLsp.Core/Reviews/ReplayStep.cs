using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.Reviews;

/// <summary>One review of a replayed log: the event, the grade its rating maps to, and the card before and after it.</summary>
public sealed record ReplayStep(ReviewEvent Event, Grade Grade, CardMemory Before, CardMemory After);
