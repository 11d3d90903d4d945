using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.Tests.Scheduling;

/// <summary>Cards with a history, built by the scheduler itself.</summary>
internal static class TestCards
{
    public static readonly DateTimeOffset Start = new(2024, 5, 6, 9, 15, 0, TimeSpan.Zero);

    /// <summary>A card answered <paramref name="grades"/> in turn, each at its due time.</summary>
    public static CardMemory Reviewed(FsrsScheduler scheduler, params Grade[] grades)
    {
        var card = CardMemory.New(Start);
        foreach (var grade in grades)
        {
            card = scheduler.Next(card, grade, card.Due);
        }

        return card;
    }
}
