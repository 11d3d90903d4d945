using DeckLsp.Core.History;
using DeckLsp.Core.Identity;
using Microsoft.Data.Sqlite;

namespace DeckLsp.Server.History;

/// <summary>Derived states kept between runs, so opening a large history does not replay it all again.</summary>
internal sealed partial class HistoryDatabase
{
    private const string DerivedWithSetting = "derived-with";

    /// <summary>
    /// The kept states, when they were derived with <paramref name="settings"/> (the scheduling configuration's
    /// fingerprint); none otherwise. Each is used only while its key's ratings are the ones it was derived from.
    /// </summary>
    public Dictionary<ReviewKey, ReviewHistory.KeptState> Derived(SqliteTransaction transaction, string settings)
    {
        var kept = new Dictionary<ReviewKey, ReviewHistory.KeptState>();
        if (Setting(transaction, DerivedWithSetting) != settings)
        {
            return kept;
        }

        using var select = Command(transaction, "SELECT review_key, state, digest FROM derived");
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            if (ParseKey(reader.GetString(0)) is not { } key)
            {
                continue;
            }

            var state = reader.IsDBNull(1) ? null : StoredValues.FromJson(reader.GetString(1));
            kept[key] = new ReviewHistory.KeptState(state, reader.GetString(2));
        }

        return kept;
    }

    /// <summary>Keeps the states of <paramref name="keys"/> as <paramref name="history"/> derives them, noting the settings used.</summary>
    public void SetDerived(SqliteTransaction transaction, string settings, ReviewHistory history, IEnumerable<ReviewKey> keys)
    {
        if (Setting(transaction, DerivedWithSetting) != settings)
        {
            using var clear = Command(transaction, "DELETE FROM derived");
            clear.ExecuteNonQuery();
            SetSetting(transaction, DerivedWithSetting, settings);
        }

        using var upsert = Command(transaction, """
            INSERT INTO derived (review_key, state, digest) VALUES ($key, $state, $digest)
            ON CONFLICT (review_key) DO UPDATE SET state = excluded.state, digest = excluded.digest
            """);
        var keyParameter = upsert.Parameters.Add("$key", SqliteType.Text);
        var state = upsert.Parameters.Add("$state", SqliteType.Text);
        var digest = upsert.Parameters.Add("$digest", SqliteType.Text);
        foreach (var key in keys)
        {
            var card = history.Card(key);
            keyParameter.Value = Write(key);
            state.Value = card.State is { } memory ? StoredValues.ToJson(memory) : DBNull.Value;
            digest.Value = history.KeptDigest(card.Ratings);
            upsert.ExecuteNonQuery();
        }
    }

    // The deck key and the local key, tab-separated: neither holds a tab (the log escapes them).
    private static string Write(ReviewKey key) => $"{key.Deck.Value}\t{key.Local}";

    private static ReviewKey? ParseKey(string stored)
    {
        var tab = stored.IndexOf('\t', StringComparison.Ordinal);
        return tab <= 0 || tab == stored.Length - 1 ? null : ReviewKey.Parse(new DeckKey(stored[..tab]), stored[(tab + 1)..]);
    }
}
