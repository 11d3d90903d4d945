namespace DeckLsp.Core.Optimization;

/// <summary>One review as the optimizer sees it: the grade (1 Again … 4 Easy) and the days since the previous review.</summary>
public readonly record struct FsrsReview(int Rating, int DeltaT);

/// <summary>
/// A card's reviews up to one review (fsrs-rs's <c>FSRSItem</c>): every review before it, which the model replays, and
/// the last, whose outcome it predicts. The first review's <see cref="FsrsReview.DeltaT"/> is 0.
/// </summary>
public sealed class FsrsItem
{
    private readonly FsrsReview[] _reviews;
    private readonly int _count;

    public FsrsItem(IReadOnlyList<FsrsReview> reviews)
        : this([.. reviews], reviews.Count)
    {
    }

    // Items of one card share the card's array: a card of n reviews gives n - 1 items without n² copies.
    internal FsrsItem(FsrsReview[] reviews, int count)
    {
        _reviews = reviews;
        _count = count;
    }

    public ReadOnlySpan<FsrsReview> Reviews => _reviews.AsSpan(0, _count);

    public int Count => _count;

    /// <summary>The review whose outcome is predicted.</summary>
    public FsrsReview Current => _reviews[_count - 1];

    /// <summary>Reviews on a later day than the one before them (fsrs-rs's <c>long_term_review_cnt</c>).</summary>
    public int LongTermReviewCount
    {
        get
        {
            var count = 0;
            foreach (var review in Reviews)
            {
                if (review.DeltaT > 0)
                {
                    count++;
                }
            }

            return count;
        }
    }

    internal FsrsReview FirstLongTermReview
    {
        get
        {
            foreach (var review in Reviews)
            {
                if (review.DeltaT > 0)
                {
                    return review;
                }
            }

            throw new InvalidOperationException("An FSRS item needs a review on a later day than the first.");
        }
    }
}
