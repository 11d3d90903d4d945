using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.Reviews;

/// <summary>A deck's numbers for its lens: cards in all, cards due now, new cards that today's limit still lets in.</summary>
public sealed record DeckCounts(int Total, int Due, int New)
{
    /// <param name="cards">Each card's state; null for a card never reviewed.</param>
    public static DeckCounts Of(IEnumerable<CardMemory?> cards, DateTimeOffset now, int newIntroducedToday = 0, SessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(cards);
        options ??= SessionOptions.Default;
        int total = 0, due = 0, fresh = 0;
        foreach (var card in cards)
        {
            total++;
            if (card is null || card.State == CardState.New)
            {
                fresh++;
            }
            else if (card.Due <= now)
            {
                due++;
            }
        }

        var newAllowed = Math.Max(0, options.NewCardsPerDay - Math.Max(0, newIntroducedToday));
        return new DeckCounts(total, due, Math.Min(fresh, newAllowed));
    }
}
