using System.Text;
using System.Text.RegularExpressions;
using DeckLsp.Core.Parsing;

namespace DeckLsp.Core.Interop;

/// <summary>
/// Plain text as Markdown that renders to the same words, and that cannot change a deck's structure: no marker,
/// heading, break or list can start from imported text. Escapes only where Markdown would read something else.
/// </summary>
public static partial class MarkdownText
{
    /// <summary>
    /// Plain text to Markdown: blank lines separate paragraphs, a single line break is kept as a hard break, lines are
    /// trimmed. The first line is meant to follow a marker (<c>Q: </c>), so it gets only inline escapes.
    /// </summary>
    public static string FromPlain(string text)
    {
        var paragraphs = Paragraphs(text);
        var builder = new StringBuilder();
        var first = true;
        foreach (var lines in paragraphs)
        {
            if (builder.Length > 0)
            {
                builder.Append("\n\n");
            }

            for (var i = 0; i < lines.Count; i++)
            {
                var escaped = EscapeInline(lines[i]);
                builder.Append(first ? escaped : EscapeLineStart(escaped, paragraphStart: i == 0));
                first = false;
                if (i < lines.Count - 1)
                {
                    builder.Append("\\\n");
                }
            }
        }

        return builder.ToString();
    }

    /// <summary>The text's paragraphs (separated by blank lines), each a list of its trimmed lines.</summary>
    public static List<List<string>> Paragraphs(string text)
    {
        var paragraphs = new List<List<string>>();
        var current = new List<string>();
        foreach (var raw in text.ReplaceLineEndings("\n").Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                if (current.Count > 0)
                {
                    paragraphs.Add(current);
                    current = [];
                }

                continue;
            }

            current.Add(line);
        }

        if (current.Count > 0)
        {
            paragraphs.Add(current);
        }

        return paragraphs;
    }

    /// <summary>Escapes what Markdown (with the deck's extensions: math, emphasis extras, containers) would read as syntax within a line.</summary>
    public static string EscapeInline(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var next = i + 1 < text.Length ? text[i + 1] : '\0';
            var previous = i > 0 ? text[i - 1] : '\0';
            var escape = c switch
            {
                '\\' => next == '\0' || IsAsciiPunctuation(next),
                '*' or '`' or '$' or '^' or '~' => true,
                '_' => !char.IsLetterOrDigit(previous) || !char.IsLetterOrDigit(next),
                '<' => char.IsAsciiLetter(next) || next is '/' or '!' or '?',
                '&' => EntityAhead().IsMatch(text.AsSpan(i)),
                ']' => next is '(' or '[' or ':',
                '+' or '=' or ':' => next == c,
                // Two braces would open or close a cloze deletion.
                '{' or '}' => next == c || previous == c,
                _ => false,
            };
            if (escape)
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>
    /// Escapes what would start a block at the start of a line (heading, quote, list item, break, setext underline,
    /// container, link definition) or a card marker and its look-alikes (which would start a card or be warned about).
    /// The line is expected to be inline-escaped and trimmed already. A lone <c>Q</c> or <c>Q.</c> is a look-alike only
    /// where a top-level paragraph starts (<paramref name="paragraphStart"/>).
    /// </summary>
    public static string EscapeLineStart(string line, bool paragraphStart = false)
    {
        if (line.Length == 0)
        {
            return line;
        }

        if (Markers.At(line) != MarkerKind.None)
        {
            return line[..1] + "\\" + line[1..];
        }

        var (kind, length) = Markers.LookAlike(line, paragraphStart);
        if (kind != MarkerKind.None)
        {
            var colon = line.AsSpan(0, length).IndexOfAny(':', '：');
            if (colon >= 0)
            {
                return line[..colon] + "\\" + line[colon..];
            }

            // A lone "Q" or "Q." line: the letter as a character reference reads the same and is no marker.
            return $"&#{(int)line[0]};" + line[1..];
        }

        if (line[0] is '#' or '>' or '-' or '+' or '=' or ':' || (line[0] == '[' && LinkDefinition().IsMatch(line)))
        {
            return "\\" + line;
        }

        var ordered = OrderedListStart().Match(line);
        if (ordered.Success)
        {
            var at = ordered.Groups["delimiter"].Index;
            return line[..at] + "\\" + line[at..];
        }

        return line;
    }

    private static bool IsAsciiPunctuation(char c) => c is (>= '!' and <= '/') or (>= ':' and <= '@') or (>= '[' and <= '`') or (>= '{' and <= '~');

    [GeneratedRegex(@"^&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")]
    private static partial Regex EntityAhead();

    [GeneratedRegex(@"^[0-9]{1,9}(?<delimiter>[.)])(\s|$)")]
    private static partial Regex OrderedListStart();

    [GeneratedRegex(@"^\[[^\]]*\\?\]:")]
    private static partial Regex LinkDefinition();
}
