using DeckLsp.Core.History;
using Microsoft.Data.Sqlite;

namespace DeckLsp.Server.History;

/// <summary>An event as the database keeps it: its log line, and the order it was stored in.</summary>
internal sealed record StoredEvent(long Order, string Device, long Sequence, string Line);

/// <summary>The history's events (of a self-contained history: a repository's are in its logs).</summary>
internal sealed partial class HistoryDatabase
{
    /// <summary>Events stored after <paramref name="order"/> (0: all), in the order they were stored.</summary>
    public IReadOnlyList<StoredEvent> EventsAfter(SqliteTransaction transaction, long order)
    {
        using var select = Command(transaction, "SELECT ord, device, seq, line FROM events WHERE ord > $ord ORDER BY ord").With("$ord", order);
        using var reader = select.ExecuteReader();
        var events = new List<StoredEvent>();
        while (reader.Read())
        {
            events.Add(new StoredEvent(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3)));
        }

        return events;
    }

    /// <summary><see cref="EventsAfter(SqliteTransaction, long)"/> in a read transaction of its own.</summary>
    public IReadOnlyList<StoredEvent> EventsAfter(long order) => Read(transaction => EventsAfter(transaction, order));

    /// <summary>
    /// Appends <paramref name="drafts"/> as <paramref name="device"/>'s next events, numbering them after the device's
    /// last stored one: the self-contained history's append. Returns them as stored.
    /// </summary>
    public IReadOnlyList<(long Order, HistoryEvent Event)> Append(SqliteTransaction transaction, string device, IReadOnlyList<HistoryEvent> drafts)
    {
        long last;
        using (var max = Command(transaction, "SELECT IFNULL(MAX(seq), 0) FROM events WHERE device = $device").With("$device", device))
        {
            last = Convert.ToInt64(max.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }

        var stored = new List<(long, HistoryEvent)>(drafts.Count);
        using var insert = Command(transaction, "INSERT INTO events (device, seq, line) VALUES ($device, $seq, $line) RETURNING ord");
        var deviceParameter = insert.Parameters.Add("$device", SqliteType.Text);
        var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
        var line = insert.Parameters.Add("$line", SqliteType.Text);
        foreach (var draft in drafts)
        {
            var numbered = HistoryLine.Numbered(draft, device, ++last);
            deviceParameter.Value = device;
            seq.Value = last;
            line.Value = HistoryLine.Format(numbered);
            stored.Add(((long)insert.ExecuteScalar()!, numbered));
        }

        return stored;
    }
}
