using System.Buffers;
using System.Text;

namespace DeckLsp.Server.Transport;

/// <summary>
/// One message's header block, as LSP's base protocol defines it: <c>Name: value</c> lines ended by <c>\r\n</c>, a blank
/// line after them. <c>Content-Length</c> is required; other headers (<c>Content-Type</c>) are read past: LSP allows
/// only UTF-8, and the body is checked as UTF-8 whatever a header says.
/// </summary>
internal readonly record struct FrameHeader(long ContentLength, string? Problem)
{
    /// <summary>A header block longer than this is not a header: real ones are under 100 bytes.</summary>
    public const int MaxBytes = 4096;

    public static ReadOnlySpan<byte> Terminator => "\r\n\r\n"u8;

    public static FrameHeader Parse(ReadOnlySequence<byte> block)
    {
        var text = Encoding.Latin1.GetString(block);
        long? length = null;
        foreach (var line in text.Split("\r\n"))
        {
            if (line.Length == 0)
            {
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return Bad($"the line `{Shorten(line)}` is not `Name: value`");
            }

            if (!line[..colon].Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var value = line[(colon + 1)..].Trim();
            if (value.Length is 0 or > 18 || !value.All(char.IsAsciiDigit))
            {
                return Bad($"Content-Length `{Shorten(value)}` is not a number of bytes");
            }

            var parsed = long.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
            if (length is { } earlier && earlier != parsed)
            {
                return Bad("two Content-Length headers disagree");
            }

            length = parsed;
        }

        return length is { } found ? new FrameHeader(found, null) : Bad("there is no Content-Length header");
    }

    private static FrameHeader Bad(string problem) => new(0, problem);

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";
}
