using DeckLsp.Core.Scheduling;
using Microsoft.Data.Sqlite;

namespace DeckLsp.Server.Storage;

/// <summary>The review log and the card states derived from it.</summary>
internal sealed partial class ReviewStore
{
    private const string LogColumns =
        "id, card_key, deck_key, rating, grade, reviewed_utc, duration_ms, before_state, after_state";

    /// <summary>Appends a rating and sets the card's state to its after-state; returns once the row is committed.</summary>
    public ReviewLogEntry Append(NewReview review)
    {
        ArgumentNullException.ThrowIfNull(review);
        ArgumentException.ThrowIfNullOrEmpty(review.CardKey);
        ArgumentException.ThrowIfNullOrEmpty(review.DeckKey);
        ArgumentOutOfRangeException.ThrowIfLessThan(review.Rating, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(review.Rating, 5);
        if (!Enum.IsDefined(review.Grade))
        {
            throw new ArgumentOutOfRangeException(nameof(review), review.Grade, "Grade must be Again, Hard, Good or Easy.");
        }

        ArgumentOutOfRangeException.ThrowIfNegative(review.DurationMs);
        ArgumentNullException.ThrowIfNull(review.Before);
        ArgumentNullException.ThrowIfNull(review.After);

        var before = StoredValues.ToJson(review.Before);
        var after = StoredValues.ToJson(review.After);
        return Write(transaction =>
        {
            using var insert = Command(transaction, """
                INSERT INTO review_log (card_key, deck_key, rating, grade, reviewed_utc, duration_ms, before_state, after_state)
                VALUES ($card, $deck, $rating, $grade, $at, $duration, $before, $after)
                RETURNING id
                """)
                .With("$card", review.CardKey)
                .With("$deck", review.DeckKey)
                .With("$rating", review.Rating)
                .With("$grade", (int)review.Grade)
                .With("$at", StoredValues.Time(review.ReviewedAt))
                .With("$duration", review.DurationMs)
                .With("$before", before)
                .With("$after", after);
            var id = (long)insert.ExecuteScalar()!;
            SetState(transaction, review.CardKey, review.After, id);
            return new ReviewLogEntry(
                id, review.CardKey, review.DeckKey, review.Rating, review.Grade, review.ReviewedAt.ToUniversalTime(),
                review.DurationMs, review.Before, review.After);
        });
    }

    /// <summary>
    /// Removes log row <paramref name="logId"/> if it is its card's latest, and sets the card's state back to the
    /// row's before-state (or forgets the state when no review is left). Never touches any other row.
    /// </summary>
    public UndoResult Undo(long logId) => Write(transaction =>
    {
        ReviewLogEntry? row;
        using (var select = Command(transaction, $"SELECT {LogColumns} FROM review_log WHERE id = $id").With("$id", logId))
        {
            row = ReadLog(select).SingleOrDefault();
        }

        if (row is null)
        {
            return new UndoResult(UndoOutcome.NotFound, null);
        }

        using (var latest = Command(transaction, "SELECT MAX(id) FROM review_log WHERE card_key = $card").With("$card", row.CardKey))
        {
            if ((long)latest.ExecuteScalar()! != logId)
            {
                return new UndoResult(UndoOutcome.LaterReviewExists, null);
            }
        }

        using (var delete = Command(transaction, "DELETE FROM review_log WHERE id = $id").With("$id", logId))
        {
            delete.ExecuteNonQuery();
        }

        using var previous = Command(transaction, "SELECT MAX(id) FROM review_log WHERE card_key = $card").With("$card", row.CardKey);
        if (previous.ExecuteScalar() is long previousId)
        {
            SetState(transaction, row.CardKey, row.Before, previousId);
        }
        else
        {
            using var forget = Command(transaction, "DELETE FROM card_states WHERE card_key = $card").With("$card", row.CardKey);
            forget.ExecuteNonQuery();
        }

        return new UndoResult(UndoOutcome.Undone, row);
    });

    /// <summary>
    /// Re-derives every card's state from its log rows (oldest first) with <paramref name="replay"/>, e.g. after the
    /// rating map or the weights changed; the log itself is unchanged. Runs in one transaction, so
    /// <paramref name="replay"/> must be pure and quick (it may run again on a retry). Returns the number of cards.
    /// </summary>
    public int RebuildStates(Func<string, IReadOnlyList<ReviewLogEntry>, CardMemory> replay)
    {
        ArgumentNullException.ThrowIfNull(replay);
        return Write(transaction =>
        {
            List<ReviewLogEntry> rows;
            using (var select = Command(transaction, $"SELECT {LogColumns} FROM review_log ORDER BY card_key, id"))
            {
                rows = ReadLog(select);
            }

            using (var clear = Command(transaction, "DELETE FROM card_states"))
            {
                clear.ExecuteNonQuery();
            }

            var cards = 0;
            foreach (var card in rows.GroupBy(r => r.CardKey, StringComparer.Ordinal))
            {
                var history = card.ToList();
                SetState(transaction, card.Key, replay(card.Key, history), history[^1].Id);
                cards++;
            }

            return cards;
        });
    }

    /// <summary>The card's current state; null when it was never reviewed (it is new).</summary>
    public CardMemory? GetState(string cardKey) => Read(transaction =>
    {
        using var select = Command(transaction, $"SELECT {StoredValues.MemoryColumns} FROM card_states WHERE card_key = $card")
            .With("$card", cardKey);
        using var reader = select.ExecuteReader();
        return reader.Read() ? StoredValues.ReadMemory(reader, 0) : null;
    });

    /// <summary>The states of those of <paramref name="cardKeys"/> that were ever reviewed.</summary>
    public IReadOnlyDictionary<string, CardMemory> GetStates(IEnumerable<string> cardKeys)
    {
        var keys = StoredValues.JsonArray(cardKeys);
        return Read(transaction =>
        {
            using var select = Command(transaction, $"""
                SELECT card_key, {StoredValues.MemoryColumns} FROM card_states
                WHERE card_key IN (SELECT value FROM json_each($keys))
                """).With("$keys", keys);
            using var reader = select.ExecuteReader();
            var states = new Dictionary<string, CardMemory>(StringComparer.Ordinal);
            while (reader.Read())
            {
                states[reader.GetString(0)] = StoredValues.ReadMemory(reader, 1);
            }

            return states;
        });
    }

    /// <summary>The card's last <paramref name="limit"/> log rows, oldest first.</summary>
    public IReadOnlyList<ReviewLogEntry> GetLog(string cardKey, int limit = int.MaxValue)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return Read(transaction =>
        {
            using var select = Command(transaction, $"""
                SELECT * FROM (SELECT {LogColumns} FROM review_log WHERE card_key = $card ORDER BY id DESC LIMIT $limit)
                ORDER BY id
                """).With("$card", cardKey).With("$limit", limit);
            return ReadLog(select);
        });
    }

    /// <summary>
    /// Per deck with any logged review: all reviews, reviews in [<paramref name="from"/>, <paramref name="to"/>), and
    /// cards whose first review falls in that range. The caller chooses the day (time zone, rollover hour).
    /// </summary>
    public IReadOnlyList<DeckReviewCounts> CountReviews(DateTimeOffset from, DateTimeOffset to) =>
        CountReviewsOf(null, from, to);

    /// <summary><see cref="CountReviews(DateTimeOffset, DateTimeOffset)"/> for one deck (zeros when it has none).</summary>
    public DeckReviewCounts CountReviews(string deckKey, DateTimeOffset from, DateTimeOffset to) =>
        CountReviewsOf(deckKey, from, to).SingleOrDefault() ?? new DeckReviewCounts(deckKey, 0, 0, 0);

    private List<DeckReviewCounts> CountReviewsOf(string? deckKey, DateTimeOffset from, DateTimeOffset to) => Read(transaction =>
    {
        // A card's first review is its lowest id; SQLite takes the bare columns from the row holding MIN(id).
        using var select = Command(transaction, """
            WITH firsts AS (
                SELECT deck_key, reviewed_utc, MIN(id) FROM review_log
                WHERE $deck IS NULL OR card_key IN (SELECT card_key FROM review_log WHERE deck_key = $deck)
                GROUP BY card_key),
            new_cards AS (
                SELECT deck_key, COUNT(*) AS n FROM firsts
                WHERE reviewed_utc >= $from AND reviewed_utc < $to GROUP BY deck_key)
            SELECT r.deck_key, COUNT(*), TOTAL(r.reviewed_utc >= $from AND r.reviewed_utc < $to), IFNULL(MAX(n.n), 0)
            FROM review_log r LEFT JOIN new_cards n ON n.deck_key = r.deck_key
            WHERE $deck IS NULL OR r.deck_key = $deck
            GROUP BY r.deck_key
            ORDER BY r.deck_key
            """)
            .With("$deck", deckKey)
            .With("$from", StoredValues.Time(from))
            .With("$to", StoredValues.Time(to));
        using var reader = select.ExecuteReader();
        var counts = new List<DeckReviewCounts>();
        while (reader.Read())
        {
            counts.Add(new DeckReviewCounts(
                reader.GetString(0), reader.GetInt32(1), (int)reader.GetDouble(2), reader.GetInt32(3)));
        }

        return counts;
    });

    private void SetState(SqliteTransaction transaction, string cardKey, CardMemory memory, long logId)
    {
        using var upsert = Command(transaction, $"""
            INSERT INTO card_states (card_key, {StoredValues.MemoryColumns}, log_id)
            VALUES ($card, $state, $due, $stability, $difficulty, $scheduled, $step, $reps, $lapses, $last, $log)
            ON CONFLICT (card_key) DO UPDATE SET
                state = excluded.state, due = excluded.due, stability = excluded.stability,
                difficulty = excluded.difficulty, scheduled_days = excluded.scheduled_days, step = excluded.step,
                reps = excluded.reps, lapses = excluded.lapses, last_review = excluded.last_review, log_id = excluded.log_id
            """)
            .With("$card", cardKey)
            .With("$state", (int)memory.State)
            .With("$due", StoredValues.Time(memory.Due))
            .With("$stability", memory.Stability)
            .With("$difficulty", memory.Difficulty)
            .With("$scheduled", memory.ScheduledDays)
            .With("$step", memory.Step)
            .With("$reps", memory.Reps)
            .With("$lapses", memory.Lapses)
            .With("$last", StoredValues.NullableTime(memory.LastReview))
            .With("$log", logId);
        upsert.ExecuteNonQuery();
    }

    private static List<ReviewLogEntry> ReadLog(SqliteCommand select)
    {
        using var reader = select.ExecuteReader();
        var rows = new List<ReviewLogEntry>();
        while (reader.Read())
        {
            rows.Add(new ReviewLogEntry(
                reader.GetInt64(0),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetInt32(3),
                (Grade)reader.GetInt32(4),
                StoredValues.ParseTime(reader.GetString(5)),
                reader.GetInt64(6),
                StoredValues.FromJson(reader.GetString(7)),
                StoredValues.FromJson(reader.GetString(8))));
        }

        return rows;
    }
}
