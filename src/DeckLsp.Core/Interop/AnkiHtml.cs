using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DeckLsp.Core.Model;
using DeckLsp.Core.Parsing;
using Markdig;

namespace DeckLsp.Core.Interop;

/// <summary>
/// Anki's field HTML and deck Markdown. HTML made of the tags Anki's editor writes (bold, italics, underline, line
/// breaks, divs, paragraphs, lists, code, images, links, sub/superscript) becomes Markdown; a field holding anything
/// else (a table, a quote, audio…) is kept as HTML, since converting it would lose more than it gains.
/// </summary>
public static partial class AnkiHtml
{
    private static readonly MarkdownPipeline Pipeline = DeckPipeline.Configure(new MarkdownPipelineBuilder()).Build();

    // Tags whose meaning Markdown has, or that only style text (their text is kept, the styling dropped).
    private static readonly HashSet<string> Converted = new(StringComparer.OrdinalIgnoreCase)
    {
        "b", "strong", "i", "em", "code", "kbd", "tt", "s", "strike", "del", "sub", "sup", "mark", "ins", "br", "div", "p",
        "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "img", "a", "pre", "span", "font", "u", "small", "big", "center",
    };

    /// <summary>A field as Markdown, and why it was kept as HTML instead (null when it was converted).</summary>
    public sealed record Conversion(string Markdown, string? KeptAsHtmlBecause);

    /// <summary>
    /// Converts a field's HTML to Markdown (see <see cref="ImportedCard"/> for the leading line break of a side that
    /// starts with a block). <paramref name="mediaLink"/> turns a media file name into the link target to write;
    /// without it, sounds stay as Anki wrote them.
    /// </summary>
    public static Conversion ToMarkdown(string html, Func<string, string>? mediaLink = null)
    {
        ArgumentNullException.ThrowIfNull(html);
        var tokens = Tokenize(html);
        var foreign = tokens.FirstOrDefault(t => t.Kind is TokenKind.Open or TokenKind.Close && !Converted.Contains(t.Name));
        if (foreign is not null)
        {
            var flat = Whitespace().Replace(html, " ").Trim();
            return new Conversion(flat, $"<{foreign.Name.ToLowerInvariant()}>");
        }

        return new Conversion(new HtmlToMarkdown(mediaLink).Run(tokens), null);
    }

    /// <summary>A card side's Markdown as the HTML Anki shows (id comments left out; a lone paragraph unwrapped).</summary>
    public static string FromMarkdown(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var html = Markdown.ToHtml(CardText.WithoutComments(markdown), Pipeline).Trim();
        return html.StartsWith("<p>", StringComparison.Ordinal) && html.EndsWith("</p>", StringComparison.Ordinal)
            && html.IndexOf("<p>", 3, StringComparison.Ordinal) < 0
            ? html[3..^4]
            : html;
    }

    internal enum TokenKind
    {
        Text,
        Open,
        Close,
    }

    internal sealed record Token(TokenKind Kind, string Name, string Text, IReadOnlyDictionary<string, string> Attributes);

    private static List<Token> Tokenize(string html)
    {
        var tokens = new List<Token>();
        var at = 0;
        foreach (Match match in Markup().Matches(html))
        {
            if (match.Index > at)
            {
                tokens.Add(new Token(TokenKind.Text, "", html[at..match.Index], Empty));
            }

            at = match.Index + match.Length;
            if (match.Groups["comment"].Success)
            {
                continue;
            }

            var name = match.Groups["name"].Value.ToLowerInvariant();
            var closing = match.Groups["close"].Success;
            tokens.Add(new Token(closing ? TokenKind.Close : TokenKind.Open, name, match.Value, closing ? Empty : Attributes(match.Groups["attributes"].Value)));
        }

        if (at < html.Length)
        {
            tokens.Add(new Token(TokenKind.Text, "", html[at..], Empty));
        }

        return tokens;
    }

    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    private static Dictionary<string, string> Attributes(string text)
    {
        var attributes = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (Match match in Attribute().Matches(text))
        {
            var value = match.Groups["double"].Success ? match.Groups["double"].Value
                : match.Groups["single"].Success ? match.Groups["single"].Value
                : match.Groups["bare"].Value;
            attributes.TryAdd(match.Groups["name"].Value, WebUtility.HtmlDecode(value));
        }

        return attributes;
    }

    /// <summary>Walks the tokens once, writing lines of Markdown; emphasis is placed when it closes, so it can hug its text.</summary>
    private sealed class HtmlToMarkdown(Func<string, string>? mediaLink)
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

        public string Run(List<Token> tokens)
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
                else if (token.Kind == TokenKind.Text)
                {
                    Text(token.Text);
                }
                else if (token.Kind == TokenKind.Open)
                {
                    Open(token);
                }
                else
                {
                    Close(token.Name);
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

        private void Open(Token token)
        {
            switch (token.Name)
            {
                case "b" or "strong":
                    _marks.Add(("**", Current.Text.Length));
                    break;
                case "i" or "em":
                    _marks.Add(("*", Current.Text.Length));
                    break;
                case "s" or "strike" or "del":
                    _marks.Add(("~~", Current.Text.Length));
                    break;
                case "sub":
                    _marks.Add(("~", Current.Text.Length));
                    break;
                case "sup":
                    _marks.Add(("^", Current.Text.Length));
                    break;
                case "mark":
                    _marks.Add(("==", Current.Text.Length));
                    break;
                case "ins":
                    _marks.Add(("++", Current.Text.Length));
                    break;
                case "code" or "kbd" or "tt":
                    _code = new StringBuilder();
                    break;
                case "a":
                    _links.Add((token.Attributes.GetValueOrDefault("href", ""), Current.Text.Length));
                    break;
                case "img":
                    Image(token.Attributes);
                    break;
                case "br":
                    LineBreak();
                    break;
                case "div" or "center":
                    BreakAfterText();
                    break;
                case "p":
                    ParagraphBreak();
                    break;
                case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                    // A heading would end the card: a heading inside a card is a bold paragraph.
                    ParagraphBreak();
                    _marks.Add(("**", Current.Text.Length));
                    break;
                case "ul" or "ol":
                    ParagraphBreak();
                    var outer = Indent;
                    _lists.Add((token.Name == "ol", Start(token), outer, outer));
                    break;
                case "li":
                    Item();
                    break;
                case "pre":
                    ParagraphBreak();
                    _pre = new StringBuilder();
                    _preLanguage = "";
                    break;
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

        private void Close(string name)
        {
            switch (name)
            {
                case "b" or "strong" or "i" or "em" or "s" or "strike" or "del" or "sub" or "sup" or "mark" or "ins":
                    CloseMark();
                    break;
                case "a" when _links.Count > 0:
                    var (href, start) = _links[^1];
                    _links.RemoveAt(_links.Count - 1);
                    var text = Current.Text.ToString(Math.Min(start, Current.Text.Length), Current.Text.Length - Math.Min(start, Current.Text.Length));
                    if (href.Length > 0 && text.Trim().Length > 0 && start <= Current.Text.Length)
                    {
                        Current.Text.Length = start;
                        Current.Text.Append('[').Append(text.Trim()).Append("](").Append(Destination(href)).Append(')');
                    }

                    break;
                case "div" or "center":
                    BreakAfterText();
                    break;
                case "p":
                    ParagraphBreak();
                    break;
                case "h1" or "h2" or "h3" or "h4" or "h5" or "h6":
                    CloseMark();
                    ParagraphBreak();
                    break;
                case "ul" or "ol" when _lists.Count > 0:
                    _lists.RemoveAt(_lists.Count - 1);
                    ParagraphBreak();
                    break;
            }
        }

        private static int Start(Token token) =>
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
                    Current.Text.Append('[').Append(MarkdownText.EscapeInline(file)).Append("](").Append(Destination(mediaLink(file))).Append(')');
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
            Current.Text.Append("![").Append(alt).Append("](").Append(Destination(target)).Append(')');
        }

        private void InCode(Token token)
        {
            if (token.Kind == TokenKind.Close && token.Name is "code" or "kbd" or "tt")
            {
                EndCode();
            }
            else if (token.Kind == TokenKind.Text)
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

        private void InPre(Token token)
        {
            if (token.Kind == TokenKind.Close && token.Name == "pre")
            {
                EndPre();
            }
            else if (token.Kind == TokenKind.Text)
            {
                _pre!.Append(WebUtility.HtmlDecode(token.Text).Replace('\u00A0', ' '));
            }
            else if (token.Name == "br")
            {
                _pre!.Append('\n');
            }
            else if (token.Kind == TokenKind.Open && token.Name == "code"
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
    }

    /// <summary>A link destination Markdown reads back exactly: in angle brackets when it holds spaces or parentheses.</summary>
    public static string Destination(string url)
    {
        if (url.IndexOfAny([' ', '(', ')', '<', '>', '\t']) < 0)
        {
            return url;
        }

        return "<" + url.Replace("<", "%3C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal) + ">";
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

    [GeneratedRegex(@"(?<comment><!--.*?-->)|<(?<close>/)?(?<name>[A-Za-z][A-Za-z0-9]*)(?<attributes>(?:[^>""']|""[^""]*""|'[^']*')*)/?>", RegexOptions.Singleline)]
    private static partial Regex Markup();

    [GeneratedRegex(@"(?<name>[A-Za-z_:][-A-Za-z0-9_:.]*)(?:\s*=\s*(?:""(?<double>[^""]*)""|'(?<single>[^']*)'|(?<bare>[^\s""'=<>`]+)))?")]
    private static partial Regex Attribute();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\\\((?<inline>.+?)\\\)|\\\[(?<display>.+?)\\\]|\[sound:(?<sound>[^\]]+)\]")]
    private static partial Regex MathOrSound();

    [GeneratedRegex(@"(?:^|\s)(?:language|lang)-(?<language>[A-Za-z0-9_+#-]+)")]
    private static partial Regex LanguageClass();
}
