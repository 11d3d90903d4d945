using Markdig.Extensions.Mathematics;
using Markdig.Renderers;
using Markdig.Renderers.Html;

namespace DeckLsp.Core.Rendering;

/// <summary>
/// Inline math as Markdig writes it (<c>&lt;span class="math"&gt;\(…\)&lt;/span&gt;</c>), except that <c>$$…$$</c> inside
/// a paragraph keeps its display delimiters, <c>\[…\]</c>, so the panel draws it as display math, as Anki draws the
/// <c>\[…\]</c> it came from.
/// </summary>
internal sealed class MathInlineRenderer : HtmlObjectRenderer<MathInline>
{
    protected override void Write(HtmlRenderer renderer, MathInline obj)
    {
        var display = obj.DelimiterCount >= 2;
        if (renderer.EnableHtmlForInline)
        {
            renderer.Write("<span").WriteAttributes(obj).Write(display ? ">\\[" : ">\\(");
        }

        renderer.WriteEscape(ref obj.Content);
        if (renderer.EnableHtmlForInline)
        {
            renderer.Write(display ? "\\]</span>" : "\\)</span>");
        }
    }
}
