using DeckLsp.Core.History;
using DeckLsp.Core.Identity;
using Microsoft.Data.Sqlite;

namespace DeckLsp.Server.History;

/// <summary>
/// The history as earlier versions kept it (schema 1 to 3: a review log with before and after states, decks by path,
/// the cards last seen), turned into events once, so that it replays like any other history.
/// </summary>
internal sealed partial class HistoryDatabase
{
    private const string ConvertedSetting = "legacy-converted";

    /// <summary>
    /// Converts the legacy tables into events written as <paramref name="device"/>'s, once (later calls do nothing).
    /// Returns the number of ratings converted.
    /// </summary>
    public int ConvertLegacy(string device, DateTimeOffset now) => Write(transaction =>
    {
        if (Setting(transaction, ConvertedSetting) is not null)
        {
            return 0;
        }

        var drafts = new List<HistoryEvent>();
        var draft = new EventId(device, 0);
        using (var decks = Command(transaction, "SELECT deck_key, path, updated_utc FROM decks ORDER BY updated_utc, deck_key"))
        using (var reader = decks.ExecuteReader())
        {
            while (reader.Read())
            {
                drafts.Add(new DeckPlacedEvent(draft, StoredValues.ParseTime(reader.GetString(2)), new DeckKey(reader.GetString(0)),
                    reader.GetString(1)));
            }
        }

        var rated = new HashSet<(string Deck, string Card)>();
        var ratings = 0;
        using (var log = Command(transaction, "SELECT card_key, deck_key, rating, reviewed_utc, duration_ms FROM review_log ORDER BY id"))
        using (var reader = log.ExecuteReader())
        {
            while (reader.Read())
            {
                var (storeKey, deck) = (reader.GetString(0), reader.GetString(1));
                if (!storeKey.StartsWith(deck + "/", StringComparison.Ordinal) || storeKey.Length == deck.Length + 1)
                {
                    continue;
                }

                var key = ReviewKey.Parse(new DeckKey(deck), storeKey[(deck.Length + 1)..]);
                drafts.Add(new RatingEvent(draft, StoredValues.ParseTime(reader.GetString(3)), key, reader.GetInt32(2), reader.GetInt64(4)));
                rated.Add((deck, key.Card.Value));
                ratings++;
            }
        }

        var texts = new Dictionary<DeckKey, List<(CardKey, SeenCard)>>();
        using (var cards = Command(transaction, "SELECT card_key, deck_key, normalized_question, normalized_answer, ordinal, last_seen_utc, question_snippet FROM cards"))
        using (var reader = cards.ExecuteReader())
        {
            while (reader.Read())
            {
                var (storeKey, deck) = (reader.GetString(0), reader.GetString(1));
                if (!storeKey.StartsWith(deck + "/", StringComparison.Ordinal) || storeKey.Length == deck.Length + 1)
                {
                    continue;
                }

                var card = new CardKey(storeKey[(deck.Length + 1)..]);
                var text = new CardFingerprint(card.IsGiven ? null : card.Value, reader.GetString(2), reader.GetString(3), reader.GetInt32(4));
                var deckKey = new DeckKey(deck);
                if (!texts.TryGetValue(deckKey, out var list))
                {
                    texts[deckKey] = list = [];
                }

                list.Add((card, new SeenCard(text, reader.GetString(6))));
                if (rated.Contains((deck, card.Value)))
                {
                    var (question, answer) = ContentHash.Of(text);
                    drafts.Add(new CardSeenEvent(draft, StoredValues.ParseTime(reader.GetString(5)), deckKey, card, question, answer));
                }
            }
        }

        // The events of one device must be numbered in time order for a reader to take them in as written.
        var ordered = drafts.Select((e, i) => (e, i)).OrderBy(p => p.e.At).ThenBy(p => p.i).Select(p => p.e).ToList();
        Append(transaction, device, ordered);
        foreach (var (deck, cards) in texts)
        {
            SetSeenTexts(transaction, deck, cards);
        }

        SetSetting(transaction, ConvertedSetting, StoredValues.Time(now));
        return ratings;
    });
}
