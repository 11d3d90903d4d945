namespace DeckLsp.Core.Interop;

/// <summary>What a tag Anki's editor writes means in Markdown.</summary>
internal enum HtmlTagRole
{
    /// <summary>Only styles its text: the text is kept, the styling dropped.</summary>
    Style,
    Emphasis,
    Code,
    Link,
    Image,
    LineBreak,
    Line,
    Paragraph,
    Heading,
    List,
    Item,
    Preformatted,
}

/// <summary>
/// The tags converted to Markdown, each with its role (and for emphasis, its delimiter): the one list both the
/// converter and the "keep as HTML" test read.
/// </summary>
internal static class HtmlTags
{
    private static readonly Dictionary<string, (HtmlTagRole Role, string Delimiter)> Tags = new(StringComparer.OrdinalIgnoreCase)
    {
        ["b"] = (HtmlTagRole.Emphasis, "**"),
        ["strong"] = (HtmlTagRole.Emphasis, "**"),
        ["i"] = (HtmlTagRole.Emphasis, "*"),
        ["em"] = (HtmlTagRole.Emphasis, "*"),
        ["s"] = (HtmlTagRole.Emphasis, "~~"),
        ["strike"] = (HtmlTagRole.Emphasis, "~~"),
        ["del"] = (HtmlTagRole.Emphasis, "~~"),
        ["sub"] = (HtmlTagRole.Emphasis, "~"),
        ["sup"] = (HtmlTagRole.Emphasis, "^"),
        ["mark"] = (HtmlTagRole.Emphasis, "=="),
        ["ins"] = (HtmlTagRole.Emphasis, "++"),
        ["code"] = (HtmlTagRole.Code, ""),
        ["kbd"] = (HtmlTagRole.Code, ""),
        ["tt"] = (HtmlTagRole.Code, ""),
        ["a"] = (HtmlTagRole.Link, ""),
        ["img"] = (HtmlTagRole.Image, ""),
        ["br"] = (HtmlTagRole.LineBreak, ""),
        ["div"] = (HtmlTagRole.Line, ""),
        ["center"] = (HtmlTagRole.Line, ""),
        ["p"] = (HtmlTagRole.Paragraph, ""),
        ["h1"] = (HtmlTagRole.Heading, "**"),
        ["h2"] = (HtmlTagRole.Heading, "**"),
        ["h3"] = (HtmlTagRole.Heading, "**"),
        ["h4"] = (HtmlTagRole.Heading, "**"),
        ["h5"] = (HtmlTagRole.Heading, "**"),
        ["h6"] = (HtmlTagRole.Heading, "**"),
        ["ul"] = (HtmlTagRole.List, ""),
        ["ol"] = (HtmlTagRole.List, ""),
        ["li"] = (HtmlTagRole.Item, ""),
        ["pre"] = (HtmlTagRole.Preformatted, ""),
        ["span"] = (HtmlTagRole.Style, ""),
        ["font"] = (HtmlTagRole.Style, ""),
        ["u"] = (HtmlTagRole.Style, ""),
        ["small"] = (HtmlTagRole.Style, ""),
        ["big"] = (HtmlTagRole.Style, ""),
    };

    /// <summary>Whether the converter knows the tag; a field with any other tag is kept as HTML.</summary>
    public static bool IsConverted(string name) => Tags.ContainsKey(name);

    public static (HtmlTagRole Role, string Delimiter) Of(string name) => Tags[name];
}
