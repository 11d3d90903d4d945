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

    /// <summary>A link destination Markdown reads back exactly: in angle brackets when it holds spaces or parentheses.</summary>
    public static string Destination(string url)
    {
        if (url.IndexOfAny([' ', '(', ')', '<', '>', '\t']) < 0)
        {
            return url;
        }

        return "<" + url.Replace("<", "%3C", StringComparison.Ordinal).Replace(">", "%3E", StringComparison.Ordinal) + ">";
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
