namespace DeckLsp.Server.Storage;

/// <summary>Small named values kept with the history, such as the scheduling configuration its states were derived with.</summary>
internal sealed partial class ReviewStore
{
    public string? GetSetting(string key) => Read(transaction =>
    {
        using var query = Command(transaction, "SELECT value FROM settings WHERE key = $key").With("$key", key);
        return query.ExecuteScalar() as string;
    });

    public void SetSetting(string key, string value) => Write(transaction =>
    {
        using var upsert = Command(transaction, "INSERT INTO settings (key, value) VALUES ($key, $value) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
            .With("$key", key).With("$value", value);
        return upsert.ExecuteNonQuery();
    });
}
