using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.Reviews;

/// <summary>
/// When a card is next due and how well it is remembered now. A cloze card is its deletions together: new while any
/// deletion is new, due at the earliest deletion's date, remembered as its least remembered deletion.
/// </summary>
public sealed record CardDue(bool IsNew, DateTimeOffset Due, double Retrievability)
{
    /// <param name="memories">The states of the card's review keys; null for one never reviewed.</param>
    public static CardDue Of(IReadOnlyCollection<CardMemory?> memories, DateTimeOffset now, FsrsScheduler scheduler)
    {
        ArgumentNullException.ThrowIfNull(memories);
        ArgumentNullException.ThrowIfNull(scheduler);
        if (memories.Count == 0 || memories.Any(m => m is null))
        {
            return new CardDue(true, now, 0);
        }

        return new CardDue(false, memories.Min(m => m!.Due), memories.Min(m => scheduler.Retrievability(m!, now)));
    }

    /// <summary>"new", "due" (due now or overdue) or "in 3d".</summary>
    public string When(DateTimeOffset now) =>
        IsNew ? "new" : Due <= now ? "due" : $"in {FsrsScheduler.FormatInterval(Due - now)}";
}
