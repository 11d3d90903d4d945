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

/// <summary>The LSP shapes that prepared answers write by hand, written one way for all of them.</summary>
internal static class PreparedLsp
{
    private static readonly JsonEncodedText Start = JsonEncodedText.Encode("start");
    private static readonly JsonEncodedText End = JsonEncodedText.Encode("end");
    private static readonly JsonEncodedText Line = JsonEncodedText.Encode("line");
    private static readonly JsonEncodedText Character = JsonEncodedText.Encode("character");

    /// <summary>An LSP <c>Range</c> named <paramref name="name"/>: <c>{ start: { line, character }, end: { … } }</c>.</summary>
    public static void Range(Utf8JsonWriter writer, JsonEncodedText name, int startLine, int startCharacter, int endLine, int endCharacter)
    {
        writer.WriteStartObject(name);
        Position(writer, Start, startLine, startCharacter);
        Position(writer, End, endLine, endCharacter);
        writer.WriteEndObject();
    }

    private static void Position(Utf8JsonWriter writer, JsonEncodedText name, int line, int character)
    {
        writer.WriteStartObject(name);
        writer.WriteNumber(Line, line);
        writer.WriteNumber(Character, character);
        writer.WriteEndObject();
    }
}
