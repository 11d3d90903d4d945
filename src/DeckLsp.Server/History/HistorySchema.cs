using Microsoft.Data.Sqlite;

namespace DeckLsp.Server.History;

/// <summary>
/// The database schema as ordered migrations: migration <c>i</c> takes <c>PRAGMA user_version</c> from <c>i</c> to
/// <c>i + 1</c>. Append new steps; never edit a released one.
/// </summary>
internal static class HistorySchema
{
    private static readonly string[] Steps =
    [
        // 1: the review log and the card states derived from it.
        """
        CREATE TABLE review_log (
            -- AUTOINCREMENT: an undone row's id is never handed out again.
            id           INTEGER PRIMARY KEY AUTOINCREMENT,
            card_key     TEXT    NOT NULL,
            deck_key     TEXT    NOT NULL,
            rating       INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
            grade        INTEGER NOT NULL CHECK (grade BETWEEN 1 AND 4),
            reviewed_utc TEXT    NOT NULL,
            duration_ms  INTEGER NOT NULL CHECK (duration_ms >= 0),
            before_state TEXT    NOT NULL,
            after_state  TEXT    NOT NULL
        );
        CREATE INDEX review_log_by_card ON review_log (card_key, id);
        CREATE INDEX review_log_by_deck_time ON review_log (deck_key, reviewed_utc);

        -- A cache: RebuildStates replays the log into it.
        CREATE TABLE card_states (
            card_key       TEXT    PRIMARY KEY,
            state          INTEGER NOT NULL,
            due            TEXT    NOT NULL,
            stability      REAL    NOT NULL,
            difficulty     REAL    NOT NULL,
            scheduled_days INTEGER NOT NULL,
            step           INTEGER NOT NULL,
            reps           INTEGER NOT NULL,
            lapses         INTEGER NOT NULL,
            last_review    TEXT,
            log_id         INTEGER NOT NULL
        ) WITHOUT ROWID;
        """,

        // 2: card identity that survives editing: decks by key, and the cards last seen in them.
        """
        CREATE TABLE decks (
            deck_key    TEXT PRIMARY KEY,
            path        TEXT NOT NULL,
            title       TEXT NOT NULL,
            updated_utc TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX decks_by_path ON decks (path);

        CREATE TABLE cards (
            card_key            TEXT    PRIMARY KEY,
            deck_key            TEXT    NOT NULL,
            normalized_question TEXT    NOT NULL,
            normalized_answer   TEXT    NOT NULL,
            question_snippet    TEXT    NOT NULL,
            answer_snippet      TEXT    NOT NULL,
            ordinal             INTEGER NOT NULL,
            orphaned            INTEGER NOT NULL DEFAULT 0,
            last_seen_utc       TEXT    NOT NULL
        ) WITHOUT ROWID;
        CREATE INDEX cards_by_deck ON cards (deck_key, orphaned);
        """,

        // 3: settings the history was derived with (the scheduling configuration), to notice when they change.
        """
        CREATE TABLE settings (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        ) WITHOUT ROWID;
        """,

        // 4: the history as events (docs/history.md), each kept as its log line; the tables of steps 1 and 2 become
        // legacy, converted into events once (HistoryDatabase.ConvertLegacy) and then only read by migrations.
        // A repository's cache leaves `events` empty (its logs are the events) and keeps derived states and texts.
        """
        CREATE TABLE events (
            ord    INTEGER PRIMARY KEY AUTOINCREMENT,
            device TEXT    NOT NULL,
            seq    INTEGER NOT NULL,
            line   TEXT    NOT NULL,
            UNIQUE (device, seq)
        );

        -- A cache of replays: a row is used only while its key's ratings in force are the ones it was derived from.
        CREATE TABLE derived (
            review_key TEXT PRIMARY KEY,
            state      TEXT,
            digest     TEXT NOT NULL
        ) WITHOUT ROWID;

        -- The text of cards this machine saw (normalized), so a card edited elsewhere can be found by similarity.
        CREATE TABLE seen_texts (
            deck_key TEXT    NOT NULL,
            card_key TEXT    NOT NULL,
            question TEXT    NOT NULL,
            answer   TEXT    NOT NULL,
            ordinal  INTEGER NOT NULL,
            title    TEXT    NOT NULL DEFAULT '',
            PRIMARY KEY (deck_key, card_key)
        ) WITHOUT ROWID;
        """,
    ];

    /// <summary>The version this build writes; a database claiming a higher one was written by a newer DeckLsp.</summary>
    public static int CurrentVersion => Steps.Length;

    public static int ReadVersion(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Applies the steps from the database's version up to <paramref name="target"/> in one immediate transaction,
    /// reading the version inside it so that two processes opening a new database migrate it once.
    /// </summary>
    public static void Migrate(SqliteConnection connection, int target)
    {
        if (target < 0 || target > CurrentVersion)
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, $"Schema versions run from 0 to {CurrentVersion}.");
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        var version = ReadVersion(connection, transaction);
        if (version >= target)
        {
            return;
        }

        for (var step = version; step < target; step++)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = Steps[step] + $"\nPRAGMA user_version = {step + 1};";
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }
}
