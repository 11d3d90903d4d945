using System.Globalization;
using System.Text;
using DeckLsp.Core.Model;
using DeckLsp.Core.Parsing;
using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Extensions.Tables;
using Markdig.Extensions.TaskLists;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DeckLsp.Core.Rendering;

/// <summary>
/// Renders cards as styled lines of text, for the terminal and for editors that study through message boxes: Markdig
/// parses each side as the study panel's renderer does, and the tree is written as text (emphasis, code and cloze
/// deletions as styles, lists with bullets, math as its TeX source, images as their alt text, comments dropped).
/// </summary>
public static class TextRenderer
{
    private static readonly MarkdownPipeline Pipeline = DeckPipeline.Configure(new MarkdownPipelineBuilder()).Build();

    /// <summary>
    /// A card's two sides. For a cloze card, <paramref name="deletionIndex"/> names the deletion studied (hidden on the
    /// front, revealed on the back); null hides them all. <paramref name="reverse"/>: a reversible card's reverse
    /// direction, the answer asked and the question shown after it.
    /// </summary>
    public static TextCard Render(Card card, string deckText, int? deletionIndex = null, bool reverse = false)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(deckText);
        if (reverse && card.Kind != CardKind.Reversible)
        {
            throw new ArgumentException($"A {card.Kind} card has no reverse direction.", nameof(reverse));
        }

        var answer = card.Answer is { } span ? Lines(deckText.Substring(span.Start, span.Length), []) : null;
        if (card.Kind != CardKind.Cloze)
        {
            var question = Lines(deckText.Substring(card.Question.Start, card.Question.Length), []);
            return reverse ? new TextCard(answer ?? [], question) : new TextCard(question, answer ?? []);
        }

        if (deletionIndex is { } index && card.Deletions.All(d => d.Index != index))
        {
            throw new ArgumentOutOfRangeException(nameof(deletionIndex), index, $"The card has {card.Deletions.Count} deletions.");
        }

        bool IsStudied(ClozeDeletion d) => deletionIndex is null || d.Index == deletionIndex;
        var hints = card.Deletions.Select(d => d.Hint).ToArray();
        var front = Lines(CardRenderer.ClozeSource(card, deckText, IsStudied, reveal: false), hints);
        var back = Lines(CardRenderer.ClozeSource(card, deckText, IsStudied, reveal: true), hints);
        return new TextCard(front, answer is null ? back : [.. back, new TextLine([]), .. answer]);
    }

    /// <summary>Any Markdown as styled lines.</summary>
    public static IReadOnlyList<TextLine> Lines(string markdown, IReadOnlyList<string?> hints)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = Markdig.Markdown.Parse(markdown, Pipeline);
        foreach (var literal in document.Descendants<LiteralInline>().ToList())
        {
            ClozeMarks.Split(literal, hints);
        }

        var writer = new Writer();
        writer.Blocks(document, "");
        return writer.Finish();
    }

    private sealed class Writer
    {
        private readonly List<TextLine> _lines = [];
        private readonly List<TextRun> _runs = [];
        private readonly StringBuilder _text = new();
        private TextStyle _style;
        private string _prefix = "";
        private bool _cloze;

        public IReadOnlyList<TextLine> Finish()
        {
            EndLine(force: false);
            while (_lines.Count > 0 && _lines[^1].Runs.Count == 0)
            {
                _lines.RemoveAt(_lines.Count - 1);
            }

            return _lines.ToArray();
        }

        public void Blocks(ContainerBlock container, string prefix)
        {
            var first = true;
            foreach (var block in container)
            {
                if (block is HtmlBlock html && IsComment(html.Lines.ToString()))
                {
                    continue;
                }

                if (!first)
                {
                    Blank(prefix);
                }

                first = false;
                Block(block, prefix);
            }
        }

        private void Block(Block block, string prefix)
        {
            switch (block)
            {
                case HeadingBlock heading:
                    StartLine(prefix);
                    Inlines(heading.Inline, TextStyle.Strong);
                    EndLine(force: true);
                    break;
                case ParagraphBlock paragraph:
                    StartLine(prefix);
                    Inlines(paragraph.Inline, TextStyle.None);
                    EndLine(force: true);
                    break;
                case MathBlock math:
                    CodeLines(prefix, "$$", math.Lines.ToString(), TextStyle.Math);
                    break;
                case FencedCodeBlock or CodeBlock:
                    CodeLines(prefix, null, ((LeafBlock)block).Lines.ToString(), TextStyle.Code);
                    break;
                case ThematicBreakBlock:
                    StartLine(prefix);
                    Add("────────", TextStyle.Muted);
                    EndLine(force: true);
                    break;
                case HtmlBlock html:
                    foreach (var line in SplitLines(html.Lines.ToString()))
                    {
                        StartLine(prefix);
                        Add(line, TextStyle.None);
                        EndLine(force: true);
                    }

                    break;
                case ListBlock list:
                    var number = int.TryParse(list.OrderedStart, NumberStyles.Integer, CultureInfo.InvariantCulture, out var start) ? start : 1;
                    foreach (var item in list.OfType<ListItemBlock>())
                    {
                        var bullet = list.IsOrdered ? $"{number++}. " : "• ";
                        ListItem(item, prefix, bullet);
                    }

                    break;
                case QuoteBlock quote:
                    Blocks(quote, prefix + "│ ");
                    break;
                case Table table:
                    foreach (var row in table.OfType<TableRow>())
                    {
                        StartLine(prefix);
                        var cellNumber = 0;
                        foreach (var cell in row.OfType<TableCell>())
                        {
                            if (cellNumber++ > 0)
                            {
                                Add(" │ ", TextStyle.Muted);
                            }

                            foreach (var inner in cell.OfType<ParagraphBlock>())
                            {
                                Inlines(inner.Inline, row.IsHeader ? TextStyle.Strong : TextStyle.None);
                            }
                        }

                        EndLine(force: true);
                    }

                    break;
                case ContainerBlock container:
                    Blocks(container, prefix);
                    break;
            }
        }

        private void ListItem(ListItemBlock item, string prefix, string bullet)
        {
            var hanging = prefix + new string(' ', bullet.Length);
            var first = true;
            foreach (var block in item)
            {
                if (first && block is ParagraphBlock paragraph)
                {
                    StartLine(prefix);
                    Add(bullet, TextStyle.Muted);
                    Inlines(paragraph.Inline, TextStyle.None);
                    EndLine(force: true);
                }
                else
                {
                    if (first)
                    {
                        StartLine(prefix);
                        Add(bullet, TextStyle.Muted);
                        EndLine(force: true);
                    }

                    Block(block, hanging);
                }

                first = false;
            }
        }

        private void CodeLines(string prefix, string? fence, string text, TextStyle style)
        {
            var lines = SplitLines(text.TrimEnd('\n', '\r')).ToList();
            if (fence is not null)
            {
                lines.Insert(0, fence);
                lines.Add(fence);
            }

            foreach (var line in lines)
            {
                StartLine(prefix + "  ");
                Add(line, style);
                EndLine(force: true);
            }
        }

        private void Inlines(ContainerInline? container, TextStyle style)
        {
            if (container is null)
            {
                return;
            }

            foreach (var inline in container)
            {
                Inline(inline, style);
            }
        }

        private void Inline(Inline inline, TextStyle style)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    Add(literal.Content.ToString(), style);
                    break;
                case ClozeInline cloze:
                    switch (cloze.Kind)
                    {
                        case ClozeInline.Part.Open:
                            _cloze = true;
                            break;
                        case ClozeInline.Part.Close:
                            _cloze = false;
                            break;
                        default:
                            Add(cloze.Hint is { Length: > 0 } hint ? $"[{hint}]" : "[...]", style | TextStyle.Cloze);
                            break;
                    }

                    break;
                case CodeInline code:
                    Add(code.Content, style | TextStyle.Code);
                    break;
                case MathInline math:
                    var delimiter = new string(math.Delimiter, math.DelimiterCount);
                    Add(delimiter + math.Content.ToString() + delimiter, style | TextStyle.Math);
                    break;
                case TaskList task:
                    Add(task.Checked ? "[x] " : "[ ] ", style | TextStyle.Muted);
                    break;
                case LineBreakInline lineBreak:
                    if (lineBreak.IsHard)
                    {
                        var prefix = _prefix;
                        EndLine(force: true);
                        StartLine(prefix);
                    }
                    else
                    {
                        Add(" ", style);
                    }

                    break;
                case HtmlInline html:
                    if (!IsComment(html.Tag))
                    {
                        Add(html.Tag, style);
                    }

                    break;
                case HtmlEntityInline entity:
                    Add(entity.Transcoded.ToString(), style);
                    break;
                case AutolinkInline autolink:
                    Add(autolink.Url, style | TextStyle.Link);
                    break;
                case LinkInline { IsImage: true } image:
                    Add("[image", style | TextStyle.Muted);
                    var alt = new Writer();
                    alt.Inlines(image, TextStyle.None);
                    var altText = string.Concat(alt.Finish().Select(l => l.Plain));
                    Add(altText.Length > 0 ? ": " + altText + "]" : "]", style | TextStyle.Muted);
                    break;
                case LinkInline link:
                    Inlines(link, style | TextStyle.Link);
                    break;
                case EmphasisInline emphasis:
                    var added = emphasis.DelimiterChar is '*' or '_'
                        ? emphasis.DelimiterCount >= 2 ? TextStyle.Strong : TextStyle.Emphasis
                        : TextStyle.None;
                    Inlines(emphasis, style | added);
                    break;
                case ContainerInline container:
                    Inlines(container, style);
                    break;
            }
        }

        private void StartLine(string prefix)
        {
            _prefix = prefix;
            if (prefix.Length > 0)
            {
                Add(prefix, TextStyle.Muted);
            }
        }

        private void Blank(string prefix)
        {
            var bar = prefix.TrimEnd();
            _lines.Add(new TextLine(bar.Length == 0 ? [] : [new TextRun(bar, TextStyle.Muted)]));
        }

        private void Add(string text, TextStyle style)
        {
            if (text.Length == 0)
            {
                return;
            }

            if (_cloze)
            {
                style |= TextStyle.Cloze;
            }

            if (style != _style)
            {
                Flush();
                _style = style;
            }

            _text.Append(text);
        }

        private void Flush()
        {
            if (_text.Length > 0)
            {
                _runs.Add(new TextRun(_text.ToString(), _style));
                _text.Clear();
            }
        }

        private void EndLine(bool force)
        {
            Flush();

            // What a dropped comment or a soft break left at the end of the line is not the card's.
            while (_runs.Count > 0 && _runs[^1].Text.TrimEnd() is var trimmed && trimmed.Length < _runs[^1].Text.Length)
            {
                if (trimmed.Length == 0)
                {
                    _runs.RemoveAt(_runs.Count - 1);
                }
                else
                {
                    _runs[^1] = _runs[^1] with { Text = trimmed };
                    break;
                }
            }
            if (force || _runs.Count > 0)
            {
                _lines.Add(new TextLine(_runs.ToArray()));
            }

            _runs.Clear();
            _style = TextStyle.None;
        }

        private static bool IsComment(string html) => html.TrimStart().StartsWith("<!--", StringComparison.Ordinal);

        private static IEnumerable<string> SplitLines(string text) => text.Replace("\r\n", "\n").Split('\n');
    }
}
