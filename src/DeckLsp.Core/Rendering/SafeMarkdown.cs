using Markdig;
using Markdig.Extensions.Mathematics;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using DeckLsp.Core.Parsing;

namespace DeckLsp.Core.Rendering;

/// <summary>
/// Markdown to HTML that a webview can show without running anything: the deck's own extensions (math stays as
/// <c>\(...\)</c> in <c>class="math"</c> for KaTeX), raw HTML as text, unsafe link and image destinations removed,
/// relative ones resolved by the caller.
/// </summary>
internal static class SafeMarkdown
{
    // No generic attributes ({onclick=...}) and no HTML pass-through: the deck's extensions, nothing more.
    private static readonly MarkdownPipeline Pipeline = DeckPipeline.Configure(new MarkdownPipelineBuilder()).Build();

    public static string ToHtml(string markdown, Func<string, string?> resolveRelative, IReadOnlyList<string?>? hints = null)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        Sanitize(document, resolveRelative, hints ?? []);

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        // Should Markdig ever rename its HTML renderers, fail loudly rather than pass raw HTML through.
        if (!renderer.ObjectRenderers.Replace<HtmlBlockRenderer>(new EscapedHtmlBlockRenderer()) ||
            !renderer.ObjectRenderers.Replace<HtmlInlineRenderer>(new EscapedHtmlInlineRenderer()))
        {
            throw new InvalidOperationException("Markdig's raw HTML renderers were not found to replace.");
        }

        renderer.ObjectRenderers.Add(new ClozeInlineRenderer());
        if (!renderer.ObjectRenderers.Replace<HtmlMathInlineRenderer>(new MathInlineRenderer()))
        {
            throw new InvalidOperationException("Markdig's inline math renderer was not found to replace.");
        }
        renderer.Render(document);
        writer.Flush();
        return ClozeMarks.WithoutSentinels(writer.ToString());
    }

    private static void Sanitize(MarkdownDocument document, Func<string, string?> resolveRelative, IReadOnlyList<string?> hints)
    {
        // Collected first: the walk must not see the tree change under it.
        var inlines = document.Descendants<Inline>().ToList();
        foreach (var inline in inlines)
        {
            switch (inline)
            {
                case LinkInline link:
                    SanitizeLink(link, resolveRelative);
                    break;
                case AutolinkInline autolink:
                    var url = autolink.IsEmail ? "mailto:" + autolink.Url : autolink.Url;
                    if (UrlPolicy.ForLink(ClozeMarks.WithoutSentinels(url), resolveRelative) is null)
                    {
                        autolink.ReplaceBy(new LiteralInline(autolink.Url));
                    }

                    break;
                case LiteralInline literal:
                    ClozeMarks.Split(literal, hints);
                    break;
            }
        }
    }

    private static void SanitizeLink(LinkInline link, Func<string, string?> resolveRelative)
    {
        // A reference link's URL may be computed at render time; take it now and render only the checked one.
        var raw = ClozeMarks.WithoutSentinels(link.GetDynamicUrl?.Invoke() ?? link.Url ?? "");
        link.GetDynamicUrl = null;
        if (link.Title is { } title)
        {
            link.Title = ClozeMarks.WithoutSentinels(title);
        }

        var safe = link.IsImage ? UrlPolicy.ForImage(raw, resolveRelative) : UrlPolicy.ForLink(raw, resolveRelative);
        if (safe is not null)
        {
            link.Url = safe;
            return;
        }

        // An unsafe link becomes its text; an unsafe image, its alt text.
        var child = link.FirstChild;
        while (child is not null)
        {
            var next = child.NextSibling;
            child.Remove();
            link.InsertBefore(child);
            child = next;
        }

        link.Remove();
    }
}
