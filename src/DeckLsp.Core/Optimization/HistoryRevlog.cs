using DeckLsp.Core.History;
using DeckLsp.Core.Interop;
using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.Optimization;

/// <summary>A review history as the optimizer's revlog: every scheduling rating in force, with the state the card was in before it.</summary>
public static class HistoryRevlog
{
    /// <summary>
    /// The rows of every card of <paramref name="history"/> (cram and undone ratings left out), each card's ratings
    /// replayed with the history's scheduler to know the state before each: the same rows <c>export --format
    /// fsrs-revlog</c> writes for a deck.
    /// </summary>
    public static IEnumerable<RevlogRow> Rows(ReviewHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var replay = history.Replay;
        foreach (var (key, card) in history.Cards)
        {
            var id = key.ToString();
            CardMemory? state = null;
            foreach (var rating in card.Ratings)
            {
                if (rating.Cram)
                {
                    continue;
                }

                yield return new RevlogRow(id, rating.At, replay.Scale.GradeOf(rating.Rating), state?.State ?? CardState.New, rating.DurationMs);
                state = replay.Apply(id, state, rating.Rating, rating.At);
            }
        }
    }
}
