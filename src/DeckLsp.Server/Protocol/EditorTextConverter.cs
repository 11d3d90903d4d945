using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace DeckLsp.Server.Protocol;

/// <summary>
/// Reads a document's text exactly as the editor sent it. Editors hold UTF-16 that need not be well-formed (a lone
/// surrogate, an edit that splits a pair), and JavaScript's JSON writes such a unit as a "\ud83d" escape, which
/// System.Text.Json refuses to read as a string: the notification was dropped and the server's text parted from the
/// editor's. Such a string is unescaped here, unit by unit.
/// </summary>
internal sealed class EditorTextConverter : JsonConverter<string>
{
    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string, not {reader.TokenType}.");
        }

        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException) when (reader.ValueIsEscaped)
        {
            return Unescape(reader.HasValueSequence ? reader.ValueSequence.ToArray() : reader.ValueSpan);
        }
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);

    // The reader has checked the escapes' syntax and the UTF-8 between them; only \u escapes of surrogates remain to read.
    private static string Unescape(ReadOnlySpan<byte> raw)
    {
        var text = new StringBuilder(raw.Length);
        while (!raw.IsEmpty)
        {
            var escape = raw.IndexOf((byte)'\\');
            var plain = escape < 0 ? raw : raw[..escape];
            text.Append(Encoding.UTF8.GetString(plain));
            if (escape < 0)
            {
                break;
            }

            var kind = (char)raw[escape + 1];
            raw = raw[(escape + 2)..];
            if (kind == 'u')
            {
                text.Append((char)int.Parse(Encoding.ASCII.GetString(raw[..4]), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
                raw = raw[4..];
                continue;
            }

            text.Append(kind switch
            {
                'b' => '\b',
                'f' => '\f',
                'n' => '\n',
                'r' => '\r',
                't' => '\t',
                _ => kind, // '"', '\\', '/'
            });
        }

        return text.ToString();
    }
}
