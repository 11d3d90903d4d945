using System.Text.RegularExpressions;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace DeckLsp.Core.Rendering;

/// <summary>
/// Raw HTML in a card is shown as text, never as markup; comments (card ids among them) are dropped. Markdig's
/// DisableHtml would print comments as text, so HTML is parsed as usual and these renderers decide what it becomes.
/// </summary>
internal static partial class RawHtml
{
    public static string WithoutComments(string html) => Comment().Replace(html, "");

    // An unclosed comment runs to the end of its block, as the browser would read it.
    [GeneratedRegex("<!--.*?(-->|$)", RegexOptions.Singleline)]
    private static partial Regex Comment();
}

/// <summary>An HTML block, shown as an escaped paragraph of its source, comments left out.</summary>
internal sealed class EscapedHtmlBlockRenderer : HtmlObjectRenderer<HtmlBlock>
{
    protected override void Write(HtmlRenderer renderer, HtmlBlock obj)
    {
        var text = RawHtml.WithoutComments(obj.Lines.ToString()).Trim();
        if (text.Length == 0)
        {
            return;
        }

        renderer.EnsureLine();
        renderer.Write("<p class=\"raw-html\">").WriteEscape(ClozeMarks.WithoutSentinels(text)).Write("</p>");
        renderer.WriteLine();
    }
}

/// <summary>An inline HTML tag, shown as escaped text; a comment, dropped.</summary>
internal sealed class EscapedHtmlInlineRenderer : HtmlObjectRenderer<HtmlInline>
{
    protected override void Write(HtmlRenderer renderer, HtmlInline obj)
    {
        if (!obj.Tag.StartsWith("<!--", StringComparison.Ordinal))
        {
            renderer.WriteEscape(ClozeMarks.WithoutSentinels(obj.Tag));
        }
    }
}
