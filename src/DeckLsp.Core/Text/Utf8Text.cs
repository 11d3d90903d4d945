using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Unicode;
using DeckLsp.Core.Diagnostics;

namespace DeckLsp.Core.Text;

/// <summary>A deck file's bytes as text: UTF-8, without its byte order mark, and where the bytes first were not UTF-8.</summary>
public static class Utf8Text
{
    /// <summary>
    /// The text (each invalid sequence replaced by U+FFFD, as every reader does) and the UTF-16 offset of the first
    /// replacement, or null when the bytes are valid UTF-8.
    /// </summary>
    public static (string Text, int? FirstInvalid) Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[Encoding.UTF8.Preamble.Length..];
        }

        var chars = new char[bytes.Length];
        if (Utf8.ToUtf16(bytes, chars, out _, out var written, replaceInvalidSequences: false) == OperationStatus.Done)
        {
            return (new string(chars, 0, written), null);
        }

        return (Encoding.UTF8.GetString(bytes), written);
    }

    /// <summary>DECK018 at the first replacement character, naming the byte that was not UTF-8 and where it stood.</summary>
    public static DeckDiagnostic InvalidDiagnostic(int firstInvalid, ReadOnlySpan<byte> bytes)
    {
        var start = bytes.StartsWith(Encoding.UTF8.Preamble) ? Encoding.UTF8.Preamble.Length : 0;
        Utf8.ToUtf16(bytes[start..], new char[bytes.Length], out var valid, out _, replaceInvalidSequences: false);
        var offset = start + valid;
        return new DeckDiagnostic(DiagnosticCodes.InvalidUtf8, DeckSeverity.Error,
            string.Create(CultureInfo.InvariantCulture,
                $"This file is not valid UTF-8: byte 0x{bytes[offset]:X2} at byte offset {offset} cannot be read, and is shown as U+FFFD (so is any other such byte). Save the deck as UTF-8."),
            new TextSpan(firstInvalid, 1));
    }
}
