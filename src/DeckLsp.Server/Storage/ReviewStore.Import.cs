using Microsoft.Data.Sqlite;

namespace DeckLsp.Server.Storage;

/// <summary>History brought in from another tool (<c>decklsp import</c> of an Anki package).</summary>
internal sealed partial class ReviewStore
{
    /// <summary>
    /// Appends <paramref name="reviews"/> (in order) in one transaction, so an import adds all of a history or none of
    /// it; each card's state becomes the after-state of its last review. Returns the number of rows appended.
    /// </summary>
    public int AppendAll(IReadOnlyList<NewReview> reviews)
    {
        ArgumentNullException.ThrowIfNull(reviews);
        if (reviews.Count == 0)
        {
            return 0;
        }

        return Write(transaction =>
        {
            using var insert = Command(transaction, """
                INSERT INTO review_log (card_key, deck_key, rating, grade, reviewed_utc, duration_ms, before_state, after_state)
                VALUES ($card, $deck, $rating, $grade, $at, $duration, $before, $after)
                RETURNING id
                """);
            var card = insert.Parameters.Add("$card", SqliteType.Text);
            var deck = insert.Parameters.Add("$deck", SqliteType.Text);
            var rating = insert.Parameters.Add("$rating", SqliteType.Integer);
            var grade = insert.Parameters.Add("$grade", SqliteType.Integer);
            var at = insert.Parameters.Add("$at", SqliteType.Text);
            var duration = insert.Parameters.Add("$duration", SqliteType.Integer);
            var before = insert.Parameters.Add("$before", SqliteType.Text);
            var after = insert.Parameters.Add("$after", SqliteType.Text);
            insert.Prepare();
            foreach (var review in reviews)
            {
                card.Value = review.CardKey;
                deck.Value = review.DeckKey;
                rating.Value = review.Rating;
                grade.Value = (int)review.Grade;
                at.Value = StoredValues.Time(review.ReviewedAt);
                duration.Value = review.DurationMs;
                before.Value = StoredValues.ToJson(review.Before);
                after.Value = StoredValues.ToJson(review.After);
                var id = (long)insert.ExecuteScalar()!;
                SetState(transaction, review.CardKey, review.After, id);
            }

            return reviews.Count;
        });
    }
}
