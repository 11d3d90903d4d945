using System.Net;
using System.Text.RegularExpressions;

namespace DeckLsp.Core.Interop;

/// <summary>Text, or an opening or closing tag.</summary>
internal enum HtmlTokenKind
{
    Text,
    Open,
    Close,
}

/// <summary>One piece of a field's HTML: its kind, the tag's lower-case name (empty for text), its source text and attributes.</summary>
internal sealed record HtmlToken(HtmlTokenKind Kind, string Name, string Text, IReadOnlyDictionary<string, string> Attributes);

/// <summary>Splits field HTML into text and tags, leaving comments out; no tree is built, so broken HTML reads too.</summary>
internal static partial class HtmlTokens
{
    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    public static List<HtmlToken> Read(string html)
    {
        var tokens = new List<HtmlToken>();
        var at = 0;
        foreach (Match match in Markup().Matches(html))
        {
            if (match.Index > at)
            {
                tokens.Add(new HtmlToken(HtmlTokenKind.Text, "", html[at..match.Index], Empty));
            }

            at = match.Index + match.Length;
            if (match.Groups["comment"].Success)
            {
                continue;
            }

            var name = match.Groups["name"].Value.ToLowerInvariant();
            var closing = match.Groups["close"].Success;
            tokens.Add(new HtmlToken(closing ? HtmlTokenKind.Close : HtmlTokenKind.Open, name, match.Value, closing ? Empty : Attributes(match.Groups["attributes"].Value)));
        }

        if (at < html.Length)
        {
            tokens.Add(new HtmlToken(HtmlTokenKind.Text, "", html[at..], Empty));
        }

        return tokens;
    }

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

    [GeneratedRegex(@"(?<comment><!--.*?-->)|<(?<close>/)?(?<name>[A-Za-z][A-Za-z0-9]*)(?<attributes>(?:[^>""']|""[^""]*""|'[^']*')*)/?>", RegexOptions.Singleline)]
    private static partial Regex Markup();

    [GeneratedRegex(@"(?<name>[A-Za-z_:][-A-Za-z0-9_:.]*)(?:\s*=\s*(?:""(?<double>[^""]*)""|'(?<single>[^']*)'|(?<bare>[^\s""'=<>`]+)))?")]
    private static partial Regex Attribute();
}
