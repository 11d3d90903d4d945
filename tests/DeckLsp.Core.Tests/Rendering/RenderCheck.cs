using System.Text.RegularExpressions;
using DeckLsp.Core.Documents;
using DeckLsp.Core.Rendering;

namespace DeckLsp.Core.Tests.Rendering;

/// <summary>The rendering tests' helper: a one-card deck in, its sides out; and what "inert HTML" means, checked on every tag.</summary>
internal static partial class RenderCheck
{
    public const string WebviewRoot = "https://webview.test/deck/";

    /// <summary>Resolves relative paths under a fake webview root; paths starting "missing" do not resolve.</summary>
    public static string? Resolve(string path) => path.StartsWith("missing", StringComparison.Ordinal) ? null : WebviewRoot + path;

    public static RenderedCard First(string deck, int? deletionIndex = null)
    {
        var document = DeckDocument.Parse(deck);
        return CardRenderer.Render(document.Deck.Cards[0], document.Text, Resolve, deletionIndex);
    }

    /// <summary>Every problem that would let the HTML run script, or an empty list.</summary>
    public static List<string> ExecutableParts(string html)
    {
        var problems = new List<string>();
        foreach (Match tag in Tag().Matches(html))
        {
            var name = tag.Groups["name"].Value.ToLowerInvariant();
            if (name is "script" or "iframe" or "object" or "embed" or "style" or "link" or "meta" or "base" or "form" or "svg" or "frame" or "frameset")
            {
                problems.Add($"element <{name}>");
            }

            foreach (Match attribute in Attribute().Matches(tag.Groups["attributes"].Value))
            {
                var attributeName = attribute.Groups["name"].Value.ToLowerInvariant();
                var value = System.Net.WebUtility.HtmlDecode(attribute.Groups["value"].Value);
                var compact = new string(value.Where(c => c > ' ').ToArray()).ToLowerInvariant();
                if (attributeName.StartsWith("on", StringComparison.Ordinal))
                {
                    problems.Add($"event attribute {attributeName}");
                }

                if (attributeName is "style" or "srcdoc" or "formaction")
                {
                    problems.Add($"attribute {attributeName}");
                }

                if (compact.StartsWith("javascript:", StringComparison.Ordinal) || compact.StartsWith("vbscript:", StringComparison.Ordinal) ||
                    (compact.StartsWith("data:", StringComparison.Ordinal) && !RasterData().IsMatch(compact)))
                {
                    problems.Add($"{attributeName}=\"{value}\"");
                }
            }
        }

        return problems;
    }

    [GeneratedRegex(@"<(?<name>[a-zA-Z][a-zA-Z0-9-]*)(?<attributes>[^>]*)>")]
    private static partial Regex Tag();

    [GeneratedRegex("""(?<name>[^\s"'=/>]+)\s*(=\s*("(?<value>[^"]*)"|'(?<value>[^']*)'|(?<value>[^\s>]+)))?""")]
    private static partial Regex Attribute();

    [GeneratedRegex("^data:image/(png|jpeg|gif|webp)[;,]")]
    private static partial Regex RasterData();
}
