using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DeckLsp.Core.Scheduling;
using Microsoft.Data.Sqlite;

namespace DeckLsp.Server.History;

/// <summary>How times and card states are written to and read from the database.</summary>
internal static class StoredValues
{
    // Fixed width, always UTC, to the tick: text comparison is time order, and a value reads back exactly.
    private const string TimeFormat = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Time(DateTimeOffset value) =>
        value.UtcDateTime.ToString(TimeFormat, CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.ParseExact(text, TimeFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static object NullableTime(DateTimeOffset? value) => value is { } v ? Time(v) : DBNull.Value;

    public static DateTimeOffset? ReadNullableTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : ParseTime(reader.GetString(ordinal));

    /// <summary>The compact JSON kept in the log for a before- or after-state.</summary>
    public static string ToJson(CardMemory memory)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("state", (int)memory.State);
            writer.WriteString("due", Time(memory.Due));
            writer.WriteNumber("stability", memory.Stability);
            writer.WriteNumber("difficulty", memory.Difficulty);
            writer.WriteNumber("scheduledDays", memory.ScheduledDays);
            writer.WriteNumber("step", memory.Step);
            writer.WriteNumber("reps", memory.Reps);
            writer.WriteNumber("lapses", memory.Lapses);
            if (memory.LastReview is { } lastReview)
            {
                writer.WriteString("lastReview", Time(lastReview));
            }
            else
            {
                writer.WriteNull("lastReview");
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static CardMemory FromJson(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var lastReview = root.GetProperty("lastReview");
        return new CardMemory(
            (CardState)root.GetProperty("state").GetInt32(),
            ParseTime(root.GetProperty("due").GetString()!),
            root.GetProperty("stability").GetDouble(),
            root.GetProperty("difficulty").GetDouble(),
            root.GetProperty("scheduledDays").GetInt32(),
            root.GetProperty("step").GetInt32(),
            root.GetProperty("reps").GetInt32(),
            root.GetProperty("lapses").GetInt32(),
            lastReview.ValueKind == JsonValueKind.Null ? null : ParseTime(lastReview.GetString()!));
    }

    /// <summary>The columns of <c>card_states</c> after its key, in the order <see cref="ReadMemory"/> reads them.</summary>
    public const string MemoryColumns =
        "state, due, stability, difficulty, scheduled_days, step, reps, lapses, last_review";

    /// <summary>Reads the nine <see cref="MemoryColumns"/> starting at <paramref name="first"/>.</summary>
    public static CardMemory ReadMemory(SqliteDataReader reader, int first) => new(
        (CardState)reader.GetInt32(first),
        ParseTime(reader.GetString(first + 1)),
        reader.GetDouble(first + 2),
        reader.GetDouble(first + 3),
        reader.GetInt32(first + 4),
        reader.GetInt32(first + 5),
        reader.GetInt32(first + 6),
        reader.GetInt32(first + 7),
        ReadNullableTime(reader, first + 8));

    /// <summary>A JSON array of strings, for <c>json_each</c>: one parameter instead of thousands.</summary>
    public static string JsonArray(IEnumerable<string> values)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static SqliteCommand With(this SqliteCommand command, string name, object? value)
    {
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return command;
    }
}
