using Microsoft.Data.Sqlite;

namespace DeckLsp.Server.History;

/// <summary>Small named values kept with the history: what its states were derived with, migrations done.</summary>
internal sealed partial class HistoryDatabase
{
    public string? Setting(SqliteTransaction transaction, string key)
    {
        using var query = Command(transaction, "SELECT value FROM settings WHERE key = $key").With("$key", key);
        return query.ExecuteScalar() as string;
    }

    public void SetSetting(SqliteTransaction transaction, string key, string value)
    {
        using var upsert = Command(transaction, "INSERT INTO settings (key, value) VALUES ($key, $value) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
            .With("$key", key).With("$value", value);
        upsert.ExecuteNonQuery();
    }

    public string? GetSetting(string key) => Read(transaction => Setting(transaction, key));

    public void SetSetting(string key, string value) => Write(transaction =>
    {
        SetSetting(transaction, key, value);
        return 0;
    });
}
