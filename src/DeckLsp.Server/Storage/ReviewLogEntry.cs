using DeckLsp.Core.Scheduling;

namespace DeckLsp.Server.Storage;

/// <summary>A rating to append to the review log, with the card's scheduling state before and after it.</summary>
/// <param name="CardKey">The card's stable identity.</param>
/// <param name="DeckKey">The deck the card belonged to when it was reviewed.</param>
/// <param name="Rating">What the user pressed, 1 to 5, before the rating map turned it into a grade.</param>
/// <param name="Grade">The FSRS grade the rating was mapped to.</param>
/// <param name="ReviewedAt">When the answer was given (stored as UTC, to the tick).</param>
/// <param name="DurationMs">How long the user looked at the card, in milliseconds.</param>
/// <param name="Before">The card's state before this review.</param>
/// <param name="After">The card's state after this review.</param>
internal sealed record NewReview(
    string CardKey,
    string DeckKey,
    int Rating,
    Grade Grade,
    DateTimeOffset ReviewedAt,
    long DurationMs,
    CardMemory Before,
    CardMemory After);

/// <summary>A row of the append-only review log; <paramref name="Id"/> grows with every append and is never reused.</summary>
internal sealed record ReviewLogEntry(
    long Id,
    string CardKey,
    string DeckKey,
    int Rating,
    Grade Grade,
    DateTimeOffset ReviewedAt,
    long DurationMs,
    CardMemory Before,
    CardMemory After);

/// <summary>What <see cref="ReviewStore.Undo"/> did.</summary>
internal enum UndoOutcome
{
    /// <summary>The row was removed and the card's state set back to the row's before-state.</summary>
    Undone,

    /// <summary>No row has that id (already undone, perhaps from another window).</summary>
    NotFound,

    /// <summary>The card was reviewed again after that row (perhaps in another window); nothing was changed.</summary>
    LaterReviewExists,
}

/// <summary>The outcome of an undo and, when it happened, the row that was removed.</summary>
internal sealed record UndoResult(UndoOutcome Outcome, ReviewLogEntry? Removed);

/// <summary>Review counts of one deck, for <c>decklsp stats</c> and session planning; "in range" is the caller's day.</summary>
/// <param name="DeckKey">The deck the reviews were logged under.</param>
/// <param name="Reviews">All reviews ever logged.</param>
/// <param name="ReviewsInRange">Reviews logged in the range.</param>
/// <param name="NewCardsInRange">Cards whose first review ever falls in the range.</param>
internal sealed record DeckReviewCounts(string DeckKey, int Reviews, int ReviewsInRange, int NewCardsInRange);
