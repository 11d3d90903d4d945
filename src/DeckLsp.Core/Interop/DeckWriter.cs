using System.Text;
using System.Text.RegularExpressions;
using DeckLsp.Core.Model;

namespace DeckLsp.Core.Interop;

/// <summary>Writes an <see cref="ImportedDeck"/> as deck text: front matter, a heading per section, then each card.</summary>
public static partial class DeckWriter
{
    private const int DeepestHeading = 6;

    public static string Write(ImportedDeck deck)
    {
        ArgumentNullException.ThrowIfNull(deck);
        var builder = new StringBuilder();
        builder.Append("---\n");
        builder.Append("title: ").Append(YamlScalar(deck.Title)).Append('\n');
        if (deck.Tags.Count > 0)
        {
            builder.Append("tags: [").AppendJoin(", ", deck.Tags.Select(YamlScalar)).Append("]\n");
        }

        if (deck.Id is { } id)
        {
            builder.Append("id: ").Append(id).Append('\n');
        }

        builder.Append("---\n");

        IReadOnlyList<string> section = [];
        foreach (var card in deck.Cards)
        {
            var common = 0;
            while (common < section.Count && common < card.Section.Count && section[common] == card.Section[common])
            {
                common++;
            }

            // A card back at an outer level after a subsection needs its heading again: sections run to the next
            // heading of the same or a higher level.
            var from = common == card.Section.Count && card.Section.Count < section.Count ? Math.Max(0, common - 1) : common;
            for (var level = from; level < card.Section.Count; level++)
            {
                builder.Append('\n').Append('#', Math.Min(level + 1, DeepestHeading)).Append(' ')
                    .Append(HeadingText(card.Section[level])).Append('\n');
            }

            section = card.Section;
            builder.Append('\n');
            WriteCard(builder, card);
        }

        return builder.ToString();
    }

    private static void WriteCard(StringBuilder builder, ImportedCard card)
    {
        var marker = card.Kind switch
        {
            CardKind.Cloze => "C:",
            CardKind.Reversible => "R:",
            _ => "Q:",
        };
        var comments = new[]
        {
            card.Id is { } id ? $"<!-- id: {id} -->" : null,
            card.Tags.Count > 0 ? $"<!-- tags: {string.Join(", ", card.Tags)} -->" : null,
        }.OfType<string>().ToArray();
        var comment = comments.Length == 0 ? null : string.Join(' ', comments);
        AppendSide(builder, marker, card.Question, comment);
        if (card.Answer is { } answer)
        {
            builder.Append('\n');
            AppendSide(builder, "A:", answer, null);
        }
    }

    // The id goes at the end of the marker's line, where it reads as the card's label; right after the marker when
    // that line ends in a hard break ("\" must stay last) or the side starts with a block on the next line.
    private static void AppendSide(StringBuilder builder, string marker, string markdown, string? comment)
    {
        var body = markdown.TrimEnd();
        var block = body.StartsWith('\n');
        var lineEnd = body.IndexOf('\n');
        var firstLine = lineEnd < 0 ? body : body[..lineEnd];
        builder.Append(marker);
        if (comment is not null && (block || firstLine.EndsWith('\\')))
        {
            builder.Append(' ').Append(comment);
            comment = null;
        }

        if (block)
        {
            builder.Append(body).Append('\n');
            return;
        }

        builder.Append(' ').Append(firstLine);
        if (comment is not null)
        {
            builder.Append(' ').Append(comment);
        }

        builder.Append(lineEnd < 0 ? "" : body[lineEnd..]).Append('\n');
    }

    private static string HeadingText(string title)
    {
        var flat = MarkdownText.EscapeInline(string.Join(' ', title.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries)).Trim());
        // A heading's closing sequence of '#' would be dropped from its text.
        return flat.EndsWith('#') ? flat[..^1] + "\\#" : flat.Length == 0 ? "Untitled" : flat;
    }

    /// <summary>A YAML scalar that reads back as <paramref name="value"/>: plain when that is safe, else double-quoted.</summary>
    public static string YamlScalar(string value)
    {
        if (PlainScalar().IsMatch(value) && !Reserved().IsMatch(value))
        {
            return value;
        }

        var quoted = new StringBuilder("\"");
        foreach (var c in value)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\x{(int)c:X2}",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }

    // Letters, digits and inner punctuation that YAML takes as plain text in a flow or block context.
    [GeneratedRegex(@"^[\p{L}\p{N}(][\p{L}\p{N} ()._/'+-]*[\p{L}\p{N}().]$|^[\p{L}\p{N}]$")]
    private static partial Regex PlainScalar();

    // Plain scalars YAML would read as something other than a string.
    [GeneratedRegex(@"^(?i:true|false|yes|no|on|off|y|n|null|~)$|^[0-9+.-][0-9_.:eE+-]*$")]
    private static partial Regex Reserved();
}
