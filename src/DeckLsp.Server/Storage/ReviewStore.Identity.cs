using Microsoft.Data.Sqlite;

namespace DeckLsp.Server.Storage;

/// <summary>Decks and the cards last seen in them: what lets a card keep its history when its deck is edited.</summary>
internal sealed partial class ReviewStore
{
    private const string CardColumns =
        "card_key, deck_key, normalized_question, normalized_answer, question_snippet, answer_snippet, ordinal, orphaned, last_seen_utc";

    /// <summary>
    /// Records the deck at <paramref name="path"/> and its current <paramref name="cards"/>: each is stored under its
    /// key (moved here if it was in another deck, re-linked if it was an orphan); the deck's other cards are marked
    /// orphaned, never deleted. Call with no cards when the deck file is gone.
    /// </summary>
    public DeckUpsertResult UpsertDeck(string deckKey, string path, string title, IReadOnlyList<CardRecord> cards, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(deckKey);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(cards);
        var keys = StoredValues.JsonArray(cards.Select(c => c.CardKey));
        var seen = StoredValues.Time(now);
        return Write(transaction =>
        {
            using (var deck = Command(transaction, """
                INSERT INTO decks (deck_key, path, title, updated_utc) VALUES ($deck, $path, $title, $now)
                ON CONFLICT (deck_key) DO UPDATE SET path = excluded.path, title = excluded.title, updated_utc = excluded.updated_utc
                """).With("$deck", deckKey).With("$path", path).With("$title", title).With("$now", seen))
            {
                deck.ExecuteNonQuery();
            }

            List<string> relinked;
            using (var orphans = Command(transaction, """
                SELECT card_key FROM cards WHERE orphaned = 1 AND card_key IN (SELECT value FROM json_each($keys)) ORDER BY card_key
                """).With("$keys", keys))
            {
                relinked = ReadStrings(orphans);
            }

            using (var upsert = Command(transaction, """
                INSERT INTO cards (card_key, deck_key, normalized_question, normalized_answer, question_snippet, answer_snippet,
                                   ordinal, orphaned, last_seen_utc)
                VALUES ($card, $deck, $question, $answer, $questionSnippet, $answerSnippet, $ordinal, 0, $now)
                ON CONFLICT (card_key) DO UPDATE SET
                    deck_key = excluded.deck_key, normalized_question = excluded.normalized_question,
                    normalized_answer = excluded.normalized_answer, question_snippet = excluded.question_snippet,
                    answer_snippet = excluded.answer_snippet, ordinal = excluded.ordinal, orphaned = 0,
                    last_seen_utc = excluded.last_seen_utc
                """))
            {
                var card = upsert.Parameters.Add("$card", SqliteType.Text);
                var question = upsert.Parameters.Add("$question", SqliteType.Text);
                var answer = upsert.Parameters.Add("$answer", SqliteType.Text);
                var questionSnippet = upsert.Parameters.Add("$questionSnippet", SqliteType.Text);
                var answerSnippet = upsert.Parameters.Add("$answerSnippet", SqliteType.Text);
                var ordinal = upsert.Parameters.Add("$ordinal", SqliteType.Integer);
                upsert.With("$deck", deckKey).With("$now", seen);
                upsert.Prepare();
                foreach (var c in cards)
                {
                    card.Value = c.CardKey;
                    question.Value = c.NormalizedQuestion;
                    answer.Value = c.NormalizedAnswer;
                    questionSnippet.Value = c.QuestionSnippet;
                    answerSnippet.Value = c.AnswerSnippet;
                    ordinal.Value = c.Ordinal;
                    upsert.ExecuteNonQuery();
                }
            }

            using var orphan = Command(transaction, """
                UPDATE cards SET orphaned = 1
                WHERE deck_key = $deck AND orphaned = 0 AND card_key NOT IN (SELECT value FROM json_each($keys))
                RETURNING card_key
                """).With("$deck", deckKey).With("$keys", keys);
            var orphaned = ReadStrings(orphan);
            orphaned.Sort(StringComparer.Ordinal);
            return new DeckUpsertResult(orphaned, relinked);
        });
    }

    /// <summary>Every card the store has seen in the deck, orphans included, in deck order (for relinking after an outside edit).</summary>
    public IReadOnlyList<KnownCard> KnownCards(string deckKey) => Read(transaction =>
    {
        using var select = Command(transaction, $"SELECT {CardColumns} FROM cards WHERE deck_key = $deck ORDER BY orphaned, ordinal, card_key")
            .With("$deck", deckKey);
        using var reader = select.ExecuteReader();
        var cards = new List<KnownCard>();
        while (reader.Read())
        {
            cards.Add(new KnownCard(
                reader.GetString(1),
                new CardRecord(
                    reader.GetString(0), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                    reader.GetInt32(6)),
                reader.GetInt32(7) != 0,
                StoredValues.ParseTime(reader.GetString(8))));
        }

        return cards;
    });

    /// <summary>All known decks, by path.</summary>
    public IReadOnlyList<DeckRecord> Decks() => Read(transaction =>
    {
        using var select = Command(transaction, "SELECT deck_key, path, title, updated_utc FROM decks ORDER BY path, deck_key");
        return ReadDecks(select);
    });

    /// <summary>The deck with that key, if known.</summary>
    public DeckRecord? FindDeck(string deckKey) => Read(transaction =>
    {
        using var select = Command(transaction, "SELECT deck_key, path, title, updated_utc FROM decks WHERE deck_key = $deck")
            .With("$deck", deckKey);
        return ReadDecks(select).SingleOrDefault();
    });

    /// <summary>The deck last recorded at <paramref name="path"/>, if any (the most recently updated, should two claim it).</summary>
    public DeckRecord? FindDeckByPath(string path) => Read(transaction =>
    {
        using var select = Command(transaction, "SELECT deck_key, path, title, updated_utc FROM decks WHERE path = $path ORDER BY updated_utc DESC LIMIT 1")
            .With("$path", path);
        return ReadDecks(select).SingleOrDefault();
    });

    /// <summary>Records that the deck's file was renamed; false when the deck is unknown.</summary>
    public bool MoveDeck(string deckKey, string newPath, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(newPath);
        return Write(transaction =>
        {
            using var update = Command(transaction, "UPDATE decks SET path = $path, updated_utc = $now WHERE deck_key = $deck")
                .With("$deck", deckKey).With("$path", newPath).With("$now", StoredValues.Time(now));
            return update.ExecuteNonQuery() == 1;
        });
    }

    /// <summary>
    /// Puts the card <paramref name="cardKey"/> (typically an orphan the user picked) into <paramref name="deckKey"/>
    /// again, not orphaned; its log and state are untouched. False when the card is unknown.
    /// </summary>
    public bool Relink(string cardKey, string deckKey, DateTimeOffset now) => Write(transaction =>
    {
        using var update = Command(transaction, "UPDATE cards SET deck_key = $deck, orphaned = 0, last_seen_utc = $now WHERE card_key = $card")
            .With("$card", cardKey).With("$deck", deckKey).With("$now", StoredValues.Time(now));
        return update.ExecuteNonQuery() == 1;
    });

    /// <summary>
    /// Gives the history of <paramref name="oldKey"/> (and of its cloze deletions, <c>oldKey#c…</c>) to
    /// <paramref name="newKey"/>: a card that gains an explicit id keeps what it learnt under its old key. Nothing moves
    /// when the new key already has history of its own (the old one then stays, orphaned). False when nothing moved.
    /// </summary>
    public bool MoveHistory(string oldKey, string newKey) => Write(transaction =>
    {
        // Prefix tests with substr, not LIKE: '_' and '%' are ordinary characters in keys.
        const string Matches = "(card_key = $old OR substr(card_key, 1, length($old) + 2) = $old || '#c')";
        using (var taken = Command(transaction, "SELECT count(*) FROM review_log WHERE card_key = $new OR substr(card_key, 1, length($new) + 2) = $new || '#c'")
            .With("$new", newKey))
        {
            if (Convert.ToInt64(taken.ExecuteScalar()) > 0)
            {
                return false;
            }
        }

        var moved = 0;
        foreach (var table in new[] { "review_log", "card_states" })
        {
            using var move = Command(transaction, $"UPDATE {table} SET card_key = $new || substr(card_key, length($old) + 1) WHERE {Matches}")
                .With("$old", oldKey).With("$new", newKey);
            moved += move.ExecuteNonQuery();
        }

        using (var forget = Command(transaction, "DELETE FROM cards WHERE card_key = $old").With("$old", oldKey))
        {
            forget.ExecuteNonQuery();
        }

        return moved > 0;
    });

    /// <summary>Orphaned cards (of one deck, or all), with how often and when they were last reviewed.</summary>
    public IReadOnlyList<OrphanCard> Orphans(string? deckKey = null) => Read(transaction =>
    {
        using var select = Command(transaction, """
            SELECT c.card_key, c.deck_key, d.path, c.question_snippet, c.answer_snippet,
                   (SELECT COUNT(*) FROM review_log r WHERE r.card_key = c.card_key),
                   (SELECT MAX(r.reviewed_utc) FROM review_log r WHERE r.card_key = c.card_key)
            FROM cards c LEFT JOIN decks d ON d.deck_key = c.deck_key
            WHERE c.orphaned = 1 AND ($deck IS NULL OR c.deck_key = $deck)
            ORDER BY d.path, c.ordinal, c.card_key
            """).With("$deck", deckKey);
        using var reader = select.ExecuteReader();
        var orphans = new List<OrphanCard>();
        while (reader.Read())
        {
            orphans.Add(new OrphanCard(
                reader.GetString(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                reader.GetInt32(5),
                StoredValues.ReadNullableTime(reader, 6)));
        }

        return orphans;
    });

    private static List<DeckRecord> ReadDecks(SqliteCommand select)
    {
        using var reader = select.ExecuteReader();
        var decks = new List<DeckRecord>();
        while (reader.Read())
        {
            decks.Add(new DeckRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), StoredValues.ParseTime(reader.GetString(3))));
        }

        return decks;
    }

    private static List<string> ReadStrings(SqliteCommand select)
    {
        using var reader = select.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
