using DeckLsp.Core.History;
using Microsoft.Data.Sqlite;

namespace DeckLsp.Server.History;

/// <summary>An event as the database keeps it: its log line, and the order it was stored in.</summary>
internal sealed record StoredEvent(long Order, string Device, long Sequence, string Line);

/// <summary>The history's events, and how far each of a repository's logs was read into them.</summary>
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
            var numbered = draft with { Id = new EventId(device, ++last), At = HistoryLine.Truncate(draft.At) };
            deviceParameter.Value = device;
            seq.Value = last;
            line.Value = HistoryLine.Format(numbered);
            stored.Add(((long)insert.ExecuteScalar()!, numbered));
        }

        return stored;
    }

    /// <summary>Stores events read from a repository's logs; those already stored are left as they are.</summary>
    public void Mirror(SqliteTransaction transaction, IEnumerable<HistoryEvent> events)
    {
        using var insert = Command(transaction, "INSERT OR IGNORE INTO events (device, seq, line) VALUES ($device, $seq, $line)");
        var device = insert.Parameters.Add("$device", SqliteType.Text);
        var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
        var line = insert.Parameters.Add("$line", SqliteType.Text);
        foreach (var e in events)
        {
            device.Value = e.Id.Device;
            seq.Value = e.Id.Sequence;
            line.Value = HistoryLine.Format(e);
            insert.ExecuteNonQuery();
        }
    }

    /// <summary>Forgets every event, source and derived state: a repository's cache about to be rebuilt from its logs.</summary>
    public void Clear(SqliteTransaction transaction)
    {
        using var clear = Command(transaction, "DELETE FROM events; DELETE FROM sources; DELETE FROM derived;");
        clear.ExecuteNonQuery();
    }

    /// <summary>How far each log was read: by file name.</summary>
    public IReadOnlyDictionary<string, LogPosition> Sources(SqliteTransaction transaction)
    {
        using var select = Command(transaction, "SELECT name, offset, lines, anchor FROM sources");
        using var reader = select.ExecuteReader();
        var sources = new Dictionary<string, LogPosition>(StringComparer.Ordinal);
        while (reader.Read())
        {
            sources[reader.GetString(0)] = new LogPosition(reader.GetInt64(1), reader.GetInt64(2), reader.GetString(3));
        }

        return sources;
    }

    public void SetSource(SqliteTransaction transaction, string name, LogPosition position)
    {
        using var upsert = Command(transaction, """
            INSERT INTO sources (name, offset, lines, anchor) VALUES ($name, $offset, $lines, $anchor)
            ON CONFLICT (name) DO UPDATE SET offset = excluded.offset, lines = excluded.lines, anchor = excluded.anchor
            WHERE excluded.offset >= sources.offset
            """).With("$name", name).With("$offset", position.Offset).With("$lines", position.Lines).With("$anchor", position.Anchor);
        upsert.ExecuteNonQuery();
    }
}

/// <summary>How far a log was read: the offset after the last complete line, the lines before it, and its anchor.</summary>
internal sealed record LogPosition(long Offset, long Lines, string Anchor)
{
    public static LogPosition Start { get; } = new(0, 0, "");
}
