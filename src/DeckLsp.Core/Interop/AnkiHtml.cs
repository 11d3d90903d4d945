using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using DeckLsp.Core.Parsing;
using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace DeckLsp.Core.Interop;

/// <summary>
/// Anki's field HTML and deck Markdown. HTML made of the tags Anki's editor writes (bold, italics, underline, line
/// breaks, divs, paragraphs, lists, code, images, links, sub/superscript) becomes Markdown; a field holding anything
/// else (a table, a quote, audio…) is kept as HTML, since converting it would lose more than it gains.
/// </summary>
public static partial class AnkiHtml
{
    private static readonly MarkdownPipeline Pipeline = DeckPipeline.Configure(new MarkdownPipelineBuilder()).Build();

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
        var tokens = HtmlTokens.Read(html);
        var foreign = tokens.FirstOrDefault(t => t.Kind is HtmlTokenKind.Open or HtmlTokenKind.Close && !HtmlTags.IsConverted(t.Name));
        if (foreign is not null)
        {
            var flat = Whitespace().Replace(html, " ").Trim();
            return new Conversion(flat, $"<{foreign.Name.ToLowerInvariant()}>");
        }

        return new Conversion(new HtmlToMarkdown(mediaLink).Run(tokens), null);
    }

    /// <summary>
    /// A card side's Markdown as the HTML Anki shows: id comments left out (an escaped <c>\&lt;!--</c> is text and stays),
    /// math as MathJax (<c>$x$</c> as <c>\(x\)</c>, <c>$$x$$</c> as display math <c>\[x\]</c>), a lone paragraph unwrapped.
    /// </summary>
    public static string FromMarkdown(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var document = Markdown.Parse(WithoutUnescapedComments(markdown), Pipeline);
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.ObjectRenderers.ReplaceOrAdd<HtmlMathInlineRenderer>(new MathJaxInlineRenderer());
        renderer.Render(document);
        writer.Flush();
        var html = writer.ToString().Trim();
        return html.StartsWith("<p>", StringComparison.Ordinal) && html.EndsWith("</p>", StringComparison.Ordinal)
            && html.IndexOf("<p>", 3, StringComparison.Ordinal) < 0
            ? html[3..^4]
            : html;
    }

    /// <summary>
    /// Rendered HTML with its local media as Anki finds them: an image's relative path becomes its file name (Anki looks
    /// media up by name in its collection.media folder), a link to a local sound file becomes <c>[sound:name]</c>.
    /// The names are added to <paramref name="media"/>.
    /// </summary>
    public static string WithAnkiMedia(string html, ISet<string> media)
    {
        ArgumentNullException.ThrowIfNull(media);
        html = LocalImage().Replace(html, match =>
        {
            var name = MediaName(match.Groups["src"].Value);
            if (name is null)
            {
                return match.Value;
            }

            media.Add(name);
            return match.Groups["before"].Value + WebUtility.HtmlEncode(name) + "\"";
        });
        return LocalLink().Replace(html, match =>
        {
            var name = MediaName(match.Groups["href"].Value);
            if (name is null || !SoundExtensions.Contains(Path.GetExtension(name)))
            {
                return match.Value;
            }

            media.Add(name);
            return $"[sound:{name}]";
        });
    }

    private static readonly HashSet<string> SoundExtensions = new(StringComparer.OrdinalIgnoreCase) { ".mp3", ".ogg", ".oga", ".opus", ".wav", ".m4a", ".aac", ".flac", ".spx" };

    // A relative path's file name, as written before Markdig percent-encoded it; null for a URL or an absolute path.
    private static string? MediaName(string attribute)
    {
        var target = WebUtility.HtmlDecode(attribute);
        if (target.Length == 0 || target.Contains(':', StringComparison.Ordinal) || target.StartsWith('/') || target.StartsWith('#'))
        {
            return null;
        }

        var name = Uri.UnescapeDataString(target[(target.LastIndexOf('/') + 1)..]);
        return name.Length == 0 ? null : name;
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

    // Comments out, as CardText.WithoutComments does, except one behind a backslash, which Markdown reads as text.
    private static string WithoutUnescapedComments(string markdown)
    {
        var builder = new StringBuilder(markdown.Length);
        var at = 0;
        var from = 0;
        while (markdown.IndexOf("<!--", from, StringComparison.Ordinal) is var open and >= 0)
        {
            var backslashes = 0;
            while (open - backslashes - 1 >= 0 && markdown[open - backslashes - 1] == '\\')
            {
                backslashes++;
            }

            if (backslashes % 2 == 1)
            {
                from = open + 4;
                continue;
            }

            var close = markdown.IndexOf("-->", open + 4, StringComparison.Ordinal);
            if (close < 0)
            {
                break;
            }

            builder.Append(markdown, at, open - at);
            at = from = close + 3;
        }

        return builder.Append(markdown, at, markdown.Length - at).ToString();
    }

    /// <summary>Markdig's math span, with display math (<c>$$…$$</c>) written as MathJax's display delimiters.</summary>
    private sealed class MathJaxInlineRenderer : HtmlObjectRenderer<MathInline>
    {
        protected override void Write(HtmlRenderer renderer, MathInline obj)
        {
            var display = obj.DelimiterCount >= 2;
            renderer.Write("<span").WriteAttributes(obj).Write(display ? ">\\[" : ">\\(");
            renderer.WriteEscape(ref obj.Content);
            renderer.Write(display ? "\\]</span>" : "\\)</span>");
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"(?<before><img\s[^>]*?\bsrc="")(?<src>[^""]*)""")]
    private static partial Regex LocalImage();

    [GeneratedRegex(@"<a href=""(?<href>[^""]*)""[^>]*>[^<]*</a>")]
    private static partial Regex LocalLink();
}
