using System.Buffers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeckLsp.Server.Protocol;

/// <summary>
/// An answer already written as JSON. The answers that grow with the deck (its outline, its folds, its lenses: a few
/// megabytes at 10,000 cards) are written once per snapshot, straight from the deck model with no DTO per item, and
/// sent as they are each time the editor asks again.
/// </summary>
[JsonConverter(typeof(PreparedJsonConverter))]
internal sealed class PreparedJson
{
    private PreparedJson(byte[] utf8) => Utf8 = utf8;

    /// <summary>The JSON value, UTF-8, as it goes on the wire.</summary>
    public ReadOnlyMemory<byte> Utf8 { get; }

    public static PreparedJson EmptyArray { get; } = new("[]"u8.ToArray());

    /// <summary>Writes one JSON value, escaped as <see cref="JsonSerializer"/> escapes by default.</summary>
    public static PreparedJson Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        // What is written here is written by our own code in a fixed shape, so the writer need not check the nesting.
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { SkipValidation = true }))
        {
            write(writer);
        }

        return new PreparedJson(buffer.WrittenSpan.ToArray());
    }

    internal static PreparedJson Read(ref Utf8JsonReader reader)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return Write(document.WriteTo);
    }
}

/// <summary>Writes a <see cref="PreparedJson"/> as it is: it was written by <see cref="Utf8JsonWriter"/>, so it is valid.</summary>
internal sealed class PreparedJsonConverter : JsonConverter<PreparedJson>
{
    public override PreparedJson Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => PreparedJson.Read(ref reader);

    public override void Write(Utf8JsonWriter writer, PreparedJson value, JsonSerializerOptions options) =>
        writer.WriteRawValue(value.Utf8.Span, skipInputValidation: true);
}
