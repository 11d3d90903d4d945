using System.Net;
using System.Text;
using System.Text.RegularExpressions;

namespace DeckLsp.Core.Interop;

/// <summary>Walks the tokens once, writing lines of Markdown; emphasis is placed when it closes, so it can hug its text.</summary>
internal sealed partial class HtmlToMarkdown(Func<string, string>? mediaLink)
{
    private readonly List<Line> _lines = [new Line(LineKind.Text, "")];
    private readonly List<(string Delimiter, int Start)> _marks = [];
    private readonly List<(string Href, int Start)> _links = [];
    private readonly List<(bool Ordered, int Next, string Outer, string Content)> _lists = [];
    private StringBuilder? _code;
    private StringBuilder? _pre;
    private string _preLanguage = "";
    private List<string> _reopen = [];

    private Line Current => _lines[^1];

    // Where the text of the innermost list item starts: its continuation lines and nested blocks line up there.
    private string Indent => _lists.Count == 0 ? "" : _lists[^1].Content;

    public string Run(List<HtmlToken> tokens)
    {
        foreach (var token in tokens)
        {
            if (_pre is not null)
            {
                InPre(token);
            }
            else if (_code is not null)
            {
                InCode(token);
            }
            else if (token.Kind == HtmlTokenKind.Text)
            {
                Text(token.Text);
            }
            else
            {
                Tag(token);
            }
        }

        if (_code is not null)
        {
            EndCode();
        }

        if (_pre is not null)
        {
            EndPre();
        }

        CloseMarks();
        return Render();
    }

    // One switch for both ends of a tag: what its opening starts, its closing ends.
    private void Tag(HtmlToken token)
    {
        var open = token.Kind == HtmlTokenKind.Open;
        var (role, delimiter) = HtmlTags.Of(token.Name);
        switch (role)
        {
            case HtmlTagRole.Emphasis when open:
                _marks.Add((delimiter, Current.Text.Length));
                break;
            case HtmlTagRole.Emphasis:
                CloseMark();
                break;
            case HtmlTagRole.Code when open:
                _code = new StringBuilder();
                break;
            case HtmlTagRole.Link when open:
                _links.Add((token.Attributes.GetValueOrDefault("href", ""), Current.Text.Length));
                break;
            case HtmlTagRole.Link when _links.Count > 0:
                EndLink();
                break;
            case HtmlTagRole.Image when open:
                Image(token.Attributes);
                break;
            case HtmlTagRole.LineBreak when open:
                LineBreak();
                break;
            case HtmlTagRole.Line:
                BreakAfterText();
                break;
            case HtmlTagRole.Paragraph when open && Current.Kind == LineKind.Item && Current.Text.Length == 0:
                // A loose list's item opens with its paragraph: the text goes on the item's line, after its marker.
                break;
            case HtmlTagRole.Paragraph:
                ParagraphBreak();
                break;
            case HtmlTagRole.Heading when open:
                // A heading would end the card: a heading inside a card is a bold paragraph.
                ParagraphBreak();
                _marks.Add((delimiter, Current.Text.Length));
                break;
            case HtmlTagRole.Heading:
                CloseMark();
                ParagraphBreak();
                break;
            case HtmlTagRole.List when open:
                ParagraphBreak();
                var outer = Indent;
                _lists.Add((token.Name == "ol", Start(token), outer, outer));
                break;
            case HtmlTagRole.List when _lists.Count > 0:
                _lists.RemoveAt(_lists.Count - 1);
                ParagraphBreak();
                break;
            case HtmlTagRole.Item when open:
                Item();
                break;
            case HtmlTagRole.Preformatted when open:
                ParagraphBreak();
                _pre = new StringBuilder();
                _preLanguage = "";
                break;
        }
    }

    private void EndLink()
    {
        var (href, start) = _links[^1];
        _links.RemoveAt(_links.Count - 1);
        var text = Current.Text.ToString(Math.Min(start, Current.Text.Length), Current.Text.Length - Math.Min(start, Current.Text.Length));
        if (href.Length > 0 && text.Trim().Length > 0 && start <= Current.Text.Length)
        {
            Current.Text.Length = start;
            Current.Text.Append('[').Append(text.Trim()).Append("](").Append(AnkiHtml.Destination(href)).Append(')');
        }
    }

    // A div starts and ends a line, unless nothing was written on it yet.
    private void BreakAfterText()
    {
        if (Current.Text.ToString().Trim().Length > 0)
        {
            LineBreak();
        }
    }

    private static int Start(HtmlToken token) =>
        int.TryParse(token.Attributes.GetValueOrDefault("start"), out var start) && start is >= 0 and < 1_000_000_000 ? start : 1;

    private void Text(string raw)
    {
        var text = Whitespace().Replace(WebUtility.HtmlDecode(raw).Replace('\u00A0', ' '), " ");
        if (Current.Text.Length == 0 || char.IsWhiteSpace(Current.Text[^1]))
        {
            text = text.TrimStart();
        }

        var at = 0;
        foreach (Match special in MathOrSound().Matches(text))
        {
            Current.Text.Append(MarkdownText.EscapeInline(text[at..special.Index]));
            if (special.Groups["inline"].Success)
            {
                Current.Text.Append('$').Append(special.Groups["inline"].Value.Trim()).Append('$');
            }
            else if (special.Groups["display"].Success)
            {
                Current.Text.Append("$$").Append(special.Groups["display"].Value.Trim()).Append("$$");
            }
            else if (mediaLink is not null)
            {
                var file = special.Groups["sound"].Value;
                Current.Text.Append('[').Append(MarkdownText.EscapeInline(file)).Append("](").Append(AnkiHtml.Destination(mediaLink(file))).Append(')');
            }
            else
            {
                Current.Text.Append(MarkdownText.EscapeInline(special.Value));
            }

            at = special.Index + special.Length;
        }

        Current.Text.Append(MarkdownText.EscapeInline(text[at..]));
    }

    private void Image(IReadOnlyDictionary<string, string> attributes)
    {
        var source = attributes.GetValueOrDefault("src", "");
        if (source.Length == 0)
        {
            return;
        }

        var local = !source.Contains(':', StringComparison.Ordinal) && !source.StartsWith('/');
        var target = local && mediaLink is not null ? mediaLink(source) : source;
        var alt = MarkdownText.EscapeInline(attributes.GetValueOrDefault("alt", "")).Replace("]", "\\]", StringComparison.Ordinal);
        Current.Text.Append("![").Append(alt).Append("](").Append(AnkiHtml.Destination(target)).Append(')');
    }

    private void InCode(HtmlToken token)
    {
        if (token.Kind == HtmlTokenKind.Close && token.Name is "code" or "kbd" or "tt")
        {
            EndCode();
        }
        else if (token.Kind == HtmlTokenKind.Text)
        {
            _code!.Append(WebUtility.HtmlDecode(token.Text).Replace('\u00A0', ' '));
        }
        else if (token.Name == "br")
        {
            _code!.Append(' ');
        }
    }

    private void EndCode()
    {
        var code = Whitespace().Replace(_code!.ToString(), " ");
        _code = null;
        if (code.Length == 0)
        {
            return;
        }

        var fence = new string('`', LongestRun(code, '`') + 1);
        var pad = code.StartsWith('`') || code.EndsWith('`') || code.Trim().Length == 0 ? " " : "";
        Current.Text.Append(fence).Append(pad).Append(code).Append(pad).Append(fence);
    }

    private void InPre(HtmlToken token)
    {
        if (token.Kind == HtmlTokenKind.Close && token.Name == "pre")
        {
            EndPre();
        }
        else if (token.Kind == HtmlTokenKind.Text)
        {
            _pre!.Append(WebUtility.HtmlDecode(token.Text).Replace('\u00A0', ' '));
        }
        else if (token.Name == "br")
        {
            _pre!.Append('\n');
        }
        else if (token.Kind == HtmlTokenKind.Open && token.Name == "code"
            && token.Attributes.GetValueOrDefault("class", "") is var classes
            && LanguageClass().Match(classes) is { Success: true } language)
        {
            _preLanguage = language.Groups["language"].Value;
        }
    }

    private void EndPre()
    {
        var code = _pre!.ToString().ReplaceLineEndings("\n").Trim('\n');
        _pre = null;
        var fence = new string('`', Math.Max(3, LongestRun(code, '`') + 1));
        var indent = Indent;
        var block = new StringBuilder().Append(fence).Append(_preLanguage);
        foreach (var line in code.Split('\n'))
        {
            block.Append('\n').Append(line.Length == 0 ? "" : indent + line);
        }

        block.Append('\n').Append(indent).Append(fence);
        _lines.Add(new Line(LineKind.Fence, indent) { Raw = block.ToString() });
        ParagraphBreak();
    }

    private void Item()
    {
        if (_lists.Count == 0)
        {
            _lists.Add((false, 1, "", ""));
        }

        CloseMarks();
        var (ordered, next, outer, _) = _lists[^1];
        var marker = ordered ? $"{next}. " : "- ";
        _lists[^1] = (ordered, next + 1, outer, outer + new string(' ', marker.Length));
        _lines.Add(new Line(LineKind.Item, outer + marker));
    }

    private void LineBreak()
    {
        CloseMarks();
        _lines.Add(new Line(LineKind.Text, Indent));
        ReopenMarks();
    }

    private void ParagraphBreak()
    {
        CloseMarks();
        _lines.Add(new Line(LineKind.Blank, ""));
        _lines.Add(new Line(LineKind.Text, Indent));
        ReopenMarks();
    }

    // Emphasis cannot span a line break in our output: close it at the end of a line, open it again after.
    private void CloseMarks()
    {
        _reopen = [];
        while (_marks.Count > 0)
        {
            _reopen.Insert(0, _marks[^1].Delimiter);
            CloseMark();
        }
    }

    private void ReopenMarks()
    {
        foreach (var delimiter in _reopen)
        {
            _marks.Add((delimiter, Current.Text.Length));
        }

        _reopen = [];
    }

    private void CloseMark()
    {
        if (_marks.Count == 0)
        {
            return;
        }

        var (delimiter, start) = _marks[^1];
        _marks.RemoveAt(_marks.Count - 1);
        if (start > Current.Text.Length)
        {
            return;
        }

        var content = Current.Text.ToString(start, Current.Text.Length - start);
        var trimmed = content.Trim();
        Current.Text.Length = start;
        if (trimmed.Length == 0)
        {
            Current.Text.Append(content);
            return;
        }

        var lead = content[..(content.Length - content.TrimStart().Length)];
        var trail = content[content.TrimEnd().Length..];
        Current.Text.Append(lead).Append(delimiter).Append(trimmed).Append(delimiter).Append(trail);
    }

    private string Render()
    {
        // Whitespace-only text lines are paragraph breaks (Anki writes an empty line as <div><br></div>).
        var lines = new List<Line>();
        foreach (var line in _lines)
        {
            var kind = line.Kind == LineKind.Text && line.Text.ToString().Trim().Length == 0 ? LineKind.Blank : line.Kind;
            if (kind == LineKind.Blank && (lines.Count == 0 || lines[^1].Kind == LineKind.Blank))
            {
                continue;
            }

            lines.Add(kind == line.Kind ? line : new Line(LineKind.Blank, ""));
        }

        while (lines.Count > 0 && lines[^1].Kind == LineKind.Blank)
        {
            lines.RemoveAt(lines.Count - 1);
        }

        var output = new StringBuilder();
        for (var i = 0; i < lines.Count; i++)
        {
            var line = lines[i];
            var first = i == 0;
            switch (line.Kind)
            {
                case LineKind.Blank:
                    output.Append('\n');
                    continue;
                case LineKind.Fence:
                    output.Append(first ? "\n" : "").Append(line.Prefix).Append(line.Raw).Append('\n');
                    continue;
            }

            var text = line.Text.ToString().Trim();
            if (!first || line.Kind == LineKind.Item)
            {
                var paragraphStart = line.Kind == LineKind.Text && line.Prefix.Length == 0 && i > 0 && lines[i - 1].Kind == LineKind.Blank;
                text = MarkdownText.EscapeLineStart(text, paragraphStart);
            }

            var prefix = line.Kind == LineKind.Item || !first ? line.Prefix : "";
            output.Append(first && line.Kind == LineKind.Item ? "\n" : "").Append(prefix).Append(text);
            var next = i + 1 < lines.Count ? lines[i + 1] : null;
            // A line followed by more of the same paragraph ends in a hard break, as <br> did.
            output.Append(next is { Kind: LineKind.Text } ? "\\\n" : "\n");
        }

        return output.ToString().TrimEnd('\n');
    }

    private static int LongestRun(string text, char c)
    {
        int longest = 0, run = 0;
        foreach (var x in text)
        {
            run = x == c ? run + 1 : 0;
            longest = Math.Max(longest, run);
        }

        return longest;
    }

    private enum LineKind
    {
        Text,
        Item,
        Blank,
        Fence,
    }

    private sealed class Line(LineKind kind, string prefix)
    {
        public LineKind Kind { get; } = kind;

        public string Prefix { get; } = prefix;

        public StringBuilder Text { get; } = new();

        public string Raw { get; init; } = "";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\\\((?<inline>.+?)\\\)|\\\[(?<display>.+?)\\\]|\[sound:(?<sound>[^\]]+)\]")]
    private static partial Regex MathOrSound();

    [GeneratedRegex(@"(?:^|\s)(?:language|lang)-(?<language>[A-Za-z0-9_+#-]+)")]
    private static partial Regex LanguageClass();
}
