namespace DeckLsp.Server.Interop;

/// <summary>
/// Just enough of the protobuf wire format to read what Anki keeps in it: a note type's kind and the media list of a
/// newer package. Unknown fields are skipped, as protobuf readers must.
/// </summary>
internal static class Protobuf
{
    /// <summary>A field: its number, and either its integer value (varint, fixed) or its bytes (length-delimited).</summary>
    public readonly record struct Field(int Number, ulong Value, ReadOnlyMemory<byte> Bytes);

    /// <exception cref="FormatException">When the bytes are not a protobuf message.</exception>
    public static IEnumerable<Field> Fields(ReadOnlyMemory<byte> message)
    {
        var at = 0;
        while (at < message.Length)
        {
            var key = Varint(message.Span, ref at);
            var number = (int)(key >> 3);
            switch (key & 7)
            {
                case 0:
                    yield return new Field(number, Varint(message.Span, ref at), default);
                    break;
                case 1:
                    Need(message, at, 8);
                    yield return new Field(number, BitConverter.ToUInt64(message.Span.Slice(at, 8)), default);
                    at += 8;
                    break;
                case 2:
                    var length = (int)Varint(message.Span, ref at);
                    Need(message, at, length);
                    yield return new Field(number, 0, message.Slice(at, length));
                    at += length;
                    break;
                case 5:
                    Need(message, at, 4);
                    yield return new Field(number, BitConverter.ToUInt32(message.Span.Slice(at, 4)), default);
                    at += 4;
                    break;
                default:
                    throw new FormatException($"protobuf wire type {key & 7} is not supported");
            }
        }
    }

    private static ulong Varint(ReadOnlySpan<byte> bytes, ref int at)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (at >= bytes.Length)
            {
                throw new FormatException("a protobuf varint runs past the end");
            }

            var b = bytes[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new FormatException("a protobuf varint is too long");
    }

    private static void Need(ReadOnlyMemory<byte> message, int at, int length)
    {
        if (length < 0 || at + length > message.Length)
        {
            throw new FormatException("a protobuf field runs past the end");
        }
    }
}
