using DeckLsp.Core.Identity;
using Microsoft.Data.Sqlite;

namespace DeckLsp.Server.History;

/// <summary>A card as this machine last saw it: its normalized text (to find it again by similarity) and its title (to name it).</summary>
internal sealed record SeenCard(CardFingerprint Text, string Title);

/// <summary>The text of cards this machine saw, normalized: what lets a card edited elsewhere be found by similarity.</summary>
internal sealed partial class HistoryDatabase
{
    /// <summary>Every card text kept, by deck.</summary>
    public Dictionary<DeckKey, Dictionary<CardKey, SeenCard>> SeenTexts() => Read(transaction =>
    {
        using var select = Command(transaction, "SELECT deck_key, card_key, question, answer, ordinal, title FROM seen_texts");
        using var reader = select.ExecuteReader();
        var texts = new Dictionary<DeckKey, Dictionary<CardKey, SeenCard>>();
        while (reader.Read())
        {
            var deck = new DeckKey(reader.GetString(0));
            if (!texts.TryGetValue(deck, out var cards))
            {
                texts[deck] = cards = [];
            }

            var card = new CardKey(reader.GetString(1));
            cards[card] = new SeenCard(
                new CardFingerprint(card.IsGiven ? null : card.Value, reader.GetString(2), reader.GetString(3), reader.GetInt32(4)),
                reader.GetString(5));
        }

        return texts;
    });

    /// <summary>Keeps the text of each of <paramref name="cards"/> (card key, fingerprint) of <paramref name="deck"/>.</summary>
    public void SetSeenTexts(DeckKey deck, IReadOnlyList<(CardKey Card, SeenCard Seen)> cards) => Write(transaction =>
    {
        SetSeenTexts(transaction, deck, cards);
        return 0;
    });

    public void SetSeenTexts(SqliteTransaction transaction, DeckKey deck, IReadOnlyList<(CardKey Card, SeenCard Seen)> cards)
    {
        using var upsert = Command(transaction, """
            INSERT INTO seen_texts (deck_key, card_key, question, answer, ordinal, title) VALUES ($deck, $card, $question, $answer, $ordinal, $title)
            ON CONFLICT (deck_key, card_key) DO UPDATE SET question = excluded.question, answer = excluded.answer,
                ordinal = excluded.ordinal, title = excluded.title
            """);
        var card = upsert.Parameters.Add("$card", SqliteType.Text);
        var question = upsert.Parameters.Add("$question", SqliteType.Text);
        var answer = upsert.Parameters.Add("$answer", SqliteType.Text);
        var ordinal = upsert.Parameters.Add("$ordinal", SqliteType.Integer);
        var title = upsert.Parameters.Add("$title", SqliteType.Text);
        upsert.With("$deck", deck.Value);
        foreach (var (key, seen) in cards)
        {
            card.Value = key.Value;
            question.Value = seen.Text.Question;
            answer.Value = seen.Text.Answer;
            ordinal.Value = seen.Text.Ordinal;
            title.Value = seen.Title;
            upsert.ExecuteNonQuery();
        }
    }
}
