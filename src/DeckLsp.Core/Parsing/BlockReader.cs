using System.Text;
using System.Text.RegularExpressions;
using DeckLsp.Core.Documents;
using DeckLsp.Core.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DeckLsp.Core.Parsing;

/// <summary>
/// Reads one Markdig parse of a region of the text into items and facts with absolute offsets, and the offsets where a
/// new segment may start. This is the only place that looks at Markdig's syntax tree for structure.
/// </summary>
internal static partial class BlockReader
{
    public sealed record Region(List<(int Offset, Item Item)> Items, List<(int Offset, Fact Fact)> Facts, List<int> Boundaries);

    public static Region Read(string text, int start, int end, bool atDocumentStart)
    {
        // A byte order mark is a code unit of the text (LSP positions count it) but not Markdown: "\uFEFFQ:" must be a card.
        if (start == 0 && end > 0 && text[0] == '\uFEFF')
        {
            start = 1;
        }

        Item? frontMatter = null;
        if (atDocumentStart && FrontMatterFence.Close(text) is var close and >= 0 and < int.MaxValue && close <= end)
        {
            var openingEnd = text.IndexOfAny(['\r', '\n'], start);
            var contentStart = NextLine(text, openingEnd);
            var closingStart = text.AsSpan(0, close).LastIndexOfAny('\r', '\n') + 1;
            var yaml = closingStart > contentStart ? text[contentStart..closingStart] : "";
            frontMatter = new Item(ItemKind.FrontMatter, TextSpan.FromBounds(start, close), Text: yaml);
            start = Math.Min(end, NextLine(text, close));
        }

        var source = start == 0 && end == text.Length ? text : text.Substring(start, end - start);
        ThrowIfNestedTooDeep(source);
        var document = Markdown.Parse(source, DeckPipeline.Body);
        var reader = new Reader(source, start);
        if (frontMatter is not null)
        {
            reader.Items.Add((0, frontMatter));
        }

        foreach (var block in document)
        {
            reader.ReadTopLevel(block);
        }

        return new Region(reader.Items, reader.Facts, reader.Boundaries);
    }

    /// <summary>
    /// Markdig throws when blocks nest past <see cref="DeckLimits.MaxBlockNesting"/>, but only after building them, at a
    /// cost that grows with the square of the depth (a line of 10,000 '&gt;' takes a second). A line that opens that many
    /// block quotes or list items at its start is refused here at once, with the exception Markdig would throw; inside
    /// code too, where Markdig would have read it as text (a deck has no use for such a line).
    /// </summary>
    private static void ThrowIfNestedTooDeep(string source)
    {
        var lineStart = 0;
        while (lineStart < source.Length)
        {
            var levels = 0;
            var i = lineStart;
            while (i < source.Length && levels < DeckLimits.MaxBlockNesting)
            {
                var c = source[i];
                if (c is ' ' or '\t')
                {
                    i++;
                }
                else if (c == '>')
                {
                    levels++;
                    i++;
                }
                else if (c is '-' or '*' or '+' && (i + 1 == source.Length || source[i + 1] is ' ' or '\t' or '\r' or '\n'))
                {
                    levels += 2;
                    i++;
                }
                else if (char.IsAsciiDigit(c) && ListNumberLength(source, i) is > 0 and var length)
                {
                    levels += 2;
                    i += length;
                }
                else
                {
                    break;
                }
            }

            if (levels >= DeckLimits.MaxBlockNesting)
            {
                throw new NestedTooDeepException();
            }

            var next = source.AsSpan(i).IndexOfAny('\r', '\n');
            lineStart = next < 0 ? source.Length : i + next + 1;
        }
    }

    // "12." or "3)" followed by white space or the end of the line: an ordered list marker.
    private static int ListNumberLength(string source, int at)
    {
        var i = at;
        while (i < source.Length && i - at < 9 && char.IsAsciiDigit(source[i]))
        {
            i++;
        }

        var followed = i + 1 == source.Length || (i + 1 < source.Length && source[i + 1] is ' ' or '\t' or '\r' or '\n');
        return i < source.Length && source[i] is '.' or ')' && followed ? i + 1 - at : 0;
    }

    // The offset after the line break at (or after) offset; the text's end when there is none.
    private static int NextLine(string text, int offset)
    {
        var at = text.IndexOfAny(['\r', '\n'], Math.Min(offset, text.Length));
        if (at < 0)
        {
            return text.Length;
        }

        return text[at] == '\r' && at + 1 < text.Length && text[at + 1] == '\n' ? at + 2 : at + 1;
    }

    private sealed class Reader(string source, int origin)
    {
        public List<(int, Item)> Items { get; } = [];

        public List<(int, Fact)> Facts { get; } = [];

        public List<int> Boundaries { get; } = [];

        public void ReadTopLevel(Block block)
        {
            // Markdig gathers every link reference definition of the parse into one group, placed at one spot: it
            // belongs to no segment, so it is not read (and reference-style targets are not checked for DECK015).
            if (block is LinkReferenceDefinitionGroup)
            {
                return;
            }

            var span = SpanOf(block);
            switch (block)
            {
                case HeadingBlock { IsSetext: true } when StartsWithMarkerLine(span):
                    ReadSetextMarkerParagraph(span);
                    break;
                case HeadingBlock heading:
                    AddBoundary(span.Start);
                    AddItem(new Item(ItemKind.Heading, span, Level: heading.Level, Text: HeadingText(heading.IsSetext, span)));
                    break;
                case ThematicBreakBlock:
                    AddBoundary(span.Start);
                    AddItem(new Item(ItemKind.Break, span, Level: 1));
                    return;
                case ParagraphBlock:
                    ReadParagraph(span, span.End);
                    break;
                default:
                    AddItem(new Item(ItemKind.Content, span));
                    break;
            }

            ReadFacts(block, span);
        }

        // "Q: x\nA: y\n---" is a setext heading to Markdig, but an author means a card followed by a break.
        private void ReadSetextMarkerParagraph(TextSpan span)
        {
            var underline = LineStartBefore(span.End);
            var contentEnd = TrimEnd(span.Start, underline);
            // Markdig 1.x leaves HeaderChar unset for setext headings: the underline itself says which it is.
            if (source.AsSpan(underline, span.End - underline).TrimStart()[0] == '-')
            {
                ReadParagraph(span, contentEnd);
                AddItem(new Item(ItemKind.Break, TextSpan.FromBounds(underline, span.End), Level: 0));
            }
            else
            {
                ReadParagraph(span, span.End);
            }
        }

        // A top-level paragraph splits at every line that starts with a marker: the common "Q: …\nA: …" needs no blank line.
        private void ReadParagraph(TextSpan span, int end)
        {
            var partStart = span.Start;
            var partMarker = MarkerKind.None;
            var lineStart = span.Start;
            var first = true;
            while (lineStart < end)
            {
                var lineEnd = LineEndFrom(lineStart, end);
                var indent = first ? 0 : CountIndent(lineStart, lineEnd);
                var content = source.AsSpan(lineStart + indent, lineEnd - lineStart - indent);
                var marker = Markers.At(content);
                if (marker != MarkerKind.None)
                {
                    if (!first)
                    {
                        AddPart(partMarker, partStart, TrimEnd(partStart, lineStart));
                    }
                    else if (marker is MarkerKind.Question or MarkerKind.Cloze or MarkerKind.Reversible)
                    {
                        AddBoundary(span.Start);
                    }

                    partStart = lineStart + indent;
                    partMarker = marker;
                }
                else
                {
                    var (kind, length) = Markers.LookAlike(content, first);
                    if (kind != MarkerKind.None)
                    {
                        AddFact(new Fact(FactKind.LookAlike, new TextSpan(lineStart + indent, length), Marker: kind));
                    }
                }

                first = false;
                lineStart = NextLineStart(lineEnd, end);
            }

            AddPart(partMarker, partStart, end);
        }

        private void AddPart(MarkerKind marker, int start, int end) =>
            AddItem(marker == MarkerKind.None
                ? new Item(ItemKind.Content, TextSpan.FromBounds(start, end))
                : new Item(ItemKind.Marker, TextSpan.FromBounds(start, end), marker));

        private void ReadFacts(Block block, TextSpan within)
        {
            // A leaf block's Descendants() leaves out its own inlines.
            var nodes = block is LeafBlock { Inline: { } inlines } ? block.Descendants().Concat(inlines.Descendants()) : block.Descendants();
            foreach (var node in nodes)
            {
                switch (node)
                {
                    case ParagraphBlock paragraph when paragraph.Parent is not MarkdownDocument:
                        var p = SkipIndent(SpanOf(paragraph));
                        var kind = Markers.At(source.AsSpan(p.Start, p.Length));
                        if (kind != MarkerKind.None)
                        {
                            AddFact(new Fact(FactKind.NestedMarker, new TextSpan(p.Start, Markers.Length), ContainerName(paragraph), kind,
                                Extent: p, Flag: IsMovable(paragraph)));
                        }

                        break;
                    case HtmlBlock html:
                        ReadKeyedComments(SpanOf(html));
                        break;
                    case HtmlInline inline:
                        ReadKeyedComments(SpanOf(inline));
                        break;
                    // Math is like code for cloze scanning: `}}` in `$\frac{a}{\|b\|}$` closes no deletion.
                    case CodeInline or CodeBlock or Markdig.Extensions.Mathematics.MathInline:
                        AddFact(new Fact(FactKind.Code, SpanOf(node)));
                        break;
                    case LinkInline { Reference: null } link:
                        AddLink(link.Url, link.UrlSpan, link.IsImage, within);
                        break;
                }
            }

            if (block is HtmlBlock top)
            {
                ReadKeyedComments(SpanOf(top));
            }
        }

        private static string ContainerName(Block paragraph) => paragraph.Parent switch
        {
            ListItemBlock => "a list item",
            QuoteBlock => "a block quote",
            Markdig.Extensions.Tables.TableCell => "a table",
            _ => "a nested block",
        };

        private static bool IsMovable(Block paragraph)
        {
            for (var parent = paragraph.Parent; parent is not null and not MarkdownDocument; parent = parent.Parent)
            {
                if (parent is not (ListItemBlock or ListBlock or QuoteBlock))
                {
                    return false;
                }
            }

            return true;
        }

        private void ReadKeyedComments(TextSpan span)
        {
            for (var match = IdComment().Match(source, span.Start, span.Length); match.Success; match = match.NextMatch())
            {
                var value = match.Groups["value"];
                var kind = match.Groups["key"].Value.Equals("id", StringComparison.OrdinalIgnoreCase) ? FactKind.Id : FactKind.Tags;
                AddFact(new Fact(kind, new TextSpan(value.Index, value.Length), value.Value));
            }
        }

        private void AddLink(string? url, SourceSpan urlSpan, bool isImage, TextSpan within)
        {
            if (string.IsNullOrWhiteSpace(url) || urlSpan.IsEmpty || !LinkPaths.TryRelativePath(url, out var path))
            {
                return;
            }

            // Markdig expands tabs when it counts columns, so after a tab (in a heading, say) a URL's span can be off,
            // even outside its own block: where the span does not hold the URL, the URL is looked for in the block.
            var span = TextSpan.FromBounds(urlSpan.Start, urlSpan.End + 1);
            var inside = span.Start >= within.Start && span.End <= within.End;
            if (!inside || !source.AsSpan(span.Start, span.Length).SequenceEqual(url))
            {
                var found = source.IndexOf(url, within.Start, within.Length, StringComparison.Ordinal);
                if (found >= 0)
                {
                    span = new TextSpan(found, url.Length);
                }
                else if (!inside)
                {
                    return;
                }
            }

            AddFact(new Fact(FactKind.Link, span, path, Flag: isImage));
        }

        private void AddItem(Item item) => Items.Add((origin, item with { Span = item.Span.Shift(origin) }));

        private void AddFact(Fact fact) =>
            Facts.Add((origin, fact with { Span = fact.Span.Shift(origin), Extent = fact.Extent.Shift(fact.Extent == default ? 0 : origin) }));

        private void AddBoundary(int offset)
        {
            var lineStart = offset;
            while (lineStart > 0 && source[lineStart - 1] is ' ' or '\t')
            {
                lineStart--;
            }

            if (Boundaries.Count == 0 || Boundaries[^1] < origin + lineStart)
            {
                Boundaries.Add(origin + lineStart);
            }
        }

        // Clamped: a math block left open at the very end ("$$" with no line break) ends one past the text in Markdig.
        // From the source, not the inlines: whether "[x]" is a link depends on definitions anywhere in the document.
        private string HeadingText(bool setext, TextSpan span)
        {
            var raw = setext ? source[span.Start..LineStartBefore(span.End)] : source[span.Start..span.End];
            if (!setext)
            {
                raw = raw.Trim().TrimStart('#');
                var closing = raw.TrimEnd().TrimEnd('#');
                if (closing.Length == 0 || char.IsWhiteSpace(closing[^1]))
                {
                    raw = closing;
                }
            }

            var words = raw.Replace("**", "").Replace("__", "").Replace("`", "")
                .Split((char[])[' ', '\t', '\r', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return string.Join(' ', words);
        }

        private TextSpan SpanOf(MarkdownObject node) =>
            node.Span.IsEmpty
                ? new TextSpan(Math.Clamp(node.Span.Start, 0, source.Length), 0)
                : TextSpan.FromBounds(Math.Min(node.Span.Start, source.Length), Math.Min(node.Span.End + 1, source.Length));

        private bool StartsWithMarkerLine(TextSpan span) => Markers.At(source.AsSpan(span.Start, span.Length)) != MarkerKind.None;

        private int LineEndFrom(int offset, int limit)
        {
            var index = source.AsSpan(offset, limit - offset).IndexOfAny('\r', '\n');
            return index < 0 ? limit : offset + index;
        }

        private int NextLineStart(int lineEnd, int limit)
        {
            if (lineEnd >= limit)
            {
                return limit;
            }

            return source[lineEnd] == '\r' && lineEnd + 1 < limit && source[lineEnd + 1] == '\n' ? lineEnd + 2 : lineEnd + 1;
        }

        private int LineStartBefore(int offset)
        {
            var index = source.AsSpan(0, offset).LastIndexOfAny('\r', '\n');
            return index + 1;
        }

        private TextSpan SkipIndent(TextSpan span)
        {
            var indent = CountIndent(span.Start, span.End);
            return TextSpan.FromBounds(span.Start + indent, span.End);
        }

        private int CountIndent(int start, int end)
        {
            var i = start;
            while (i < end && source[i] is ' ' or '\t')
            {
                i++;
            }

            return i - start;
        }

        private int TrimEnd(int start, int end)
        {
            while (end > start && char.IsWhiteSpace(source[end - 1]))
            {
                end--;
            }

            return end;
        }
    }

    // Without NonBacktracking each unclosed "<!-- id:" scanned the rest of the block: 200 KB of them took 20 s. The
    // non-backtracking engine finds every match in one pass, with the same results. The same comment form carries tags.
    private static readonly Regex IdCommentPattern = new(@"<!--\s*(?<key>id|tags)\s*:\s*(?<value>.*?)\s*-->",
        RegexOptions.IgnoreCase | RegexOptions.Singleline | RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    private static Regex IdComment() => IdCommentPattern;
}
