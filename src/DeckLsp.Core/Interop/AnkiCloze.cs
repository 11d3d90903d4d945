using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DeckLsp.Core.Model;

namespace DeckLsp.Core.Interop;

/// <summary>
/// Anki's cloze deletions (<c>{{c1::text::hint}}</c>) and ours (<c>{{text::hint}}</c>). Anki numbers deletions and
/// reviews all those of one number together; we review each <c>{{…}}</c> on its own, numbered in order.
/// </summary>
public static partial class AnkiCloze
{
    // Private-use characters stand for the cloze syntax while the field goes through the HTML converter, which must
    // neither escape the braces nor see the hint separator as Markdown.
    private const char Open = '\uE000';
    private const char Hint = '\uE002';
    private const char Close = '\uE003';

    /// <summary>A cloze field converted to our Markdown, with the Anki number of each of our deletions in order.</summary>
    public sealed record Converted(string Markdown, IReadOnlyList<int> Numbers, string? KeptAsHtmlBecause, bool Flattened);

    public static bool HasDeletion(string field) => AnkiDeletion().IsMatch(field);

    /// <summary>Converts an Anki cloze field (HTML) to the text of our cloze card.</summary>
    public static Converted ToDeck(string html, Func<string, string>? mediaLink = null)
    {
        var (marked, numbers, flattened) = Mark(html);
        var conversion = AnkiHtml.ToMarkdown(marked, mediaLink);
        // A lone brace of the text against a deletion would make three in a row: escaped, it stays the text's.
        var markdown = BraceBeforeDeletion().Replace(conversion.Markdown, "\\{")
            .Replace(Close + "}", Close + "\\}", StringComparison.Ordinal)
            .Replace(Open.ToString(), "{{", StringComparison.Ordinal)
            .Replace(Hint.ToString(), "::", StringComparison.Ordinal)
            .Replace(Close.ToString(), "}}", StringComparison.Ordinal);
        return new Converted(markdown, numbers, conversion.KeptAsHtmlBecause, flattened);
    }

    // Outermost deletions become sentinels; a deletion nested inside another keeps only its text (we do not nest).
    private static (string Marked, List<int> Numbers, bool Flattened) Mark(string html)
    {
        var builder = new StringBuilder(html.Length);
        var numbers = new List<int>();
        var depth = 0;
        var flattened = false;
        var hintSeen = new Stack<bool>();
        var i = 0;
        while (i < html.Length)
        {
            var open = AnkiOpen().Match(html, i);
            if (open.Success && open.Index == i)
            {
                depth++;
                hintSeen.Push(false);
                if (depth == 1)
                {
                    builder.Append(Open);
                    numbers.Add(int.Parse(open.Groups["n"].Value, CultureInfo.InvariantCulture));
                }
                else
                {
                    flattened = true;
                }

                i += open.Length;
            }
            else if (depth > 0 && string.CompareOrdinal(html, i, "}}", 0, 2) == 0)
            {
                if (depth == 1)
                {
                    builder.Append(Close);
                }

                depth--;
                hintSeen.Pop();
                i += 2;
            }
            else if (depth > 0 && !hintSeen.Peek() && string.CompareOrdinal(html, i, "::", 0, 2) == 0)
            {
                hintSeen.Pop();
                hintSeen.Push(true);
                if (depth == 1)
                {
                    builder.Append(Hint);
                }
                else
                {
                    // A nested deletion's hint is dropped with its braces: skip to its close.
                    var end = html.IndexOf("}}", i, StringComparison.Ordinal);
                    i = end < 0 ? html.Length : end;
                    continue;
                }

                i += 2;
            }
            else
            {
                builder.Append(html[i]);
                i++;
            }
        }

        // An unclosed deletion: close it at the end, as Anki would show its text.
        if (depth > 0)
        {
            builder.Append(Close);
        }

        return (builder.ToString(), numbers, flattened);
    }

    /// <summary>
    /// Our cloze card's text as an Anki cloze field: each deletion numbered in order (c1, c2, …, as we review them
    /// apart), the rest as HTML.
    /// </summary>
    public static string ToAnki(string cardText, IReadOnlyList<ClozeDeletion> deletions, int textStart)
    {
        // Deletions are replaced by tokens, the rest rendered, then each token by its deletion rendered alone: the
        // deletion's "::" would otherwise be read as a Markdown container.
        var builder = new StringBuilder();
        var at = 0;
        foreach (var deletion in deletions)
        {
            var start = deletion.Span.Start - textStart;
            builder.Append(cardText, at, start - at);
            if (deletion.HidesSomething)
            {
                // One that hides nothing would be a card Anki cannot show: it is left out, as it is of our reviews.
                builder.Append(Open).Append(deletion.Index.ToString(CultureInfo.InvariantCulture)).Append(Close);
            }

            at = deletion.Span.End - textStart;
        }

        builder.Append(cardText, at, cardText.Length - at);
        var html = AnkiHtml.FromMarkdown(builder.ToString());
        return Token().Replace(html, match =>
        {
            var deletion = deletions[int.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture) - 1];
            var text = AnkiHtml.FromMarkdown(deletion.Text);
            var hint = deletion.Hint is { } h ? "::" + WebUtility.HtmlEncode(h) : "";
            return $"{{{{c{deletion.Index}::{text}{hint}}}}}";
        });
    }

    [GeneratedRegex(@"\{\{c(?<n>[0-9]{1,4})::")]
    private static partial Regex AnkiOpen();

    [GeneratedRegex(@"\{\{c[0-9]{1,4}::")]
    private static partial Regex AnkiDeletion();

    [GeneratedRegex("\uE000(?<n>[0-9]+)\uE003")]
    private static partial Regex Token();

    [GeneratedRegex("(?<!\\\\)\\{(?=\uE000)")]
    private static partial Regex BraceBeforeDeletion();
}
