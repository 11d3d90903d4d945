using DeckLsp.Core.Rendering;

namespace DeckLsp.Core.Tests.Rendering;

/// <summary>Script must never survive rendering: each attack, in a question, an answer and a cloze, gives inert HTML.</summary>
public class XssCases
{
    public static TheoryData<string, string> Attacks => new()
    {
        { "script element", "<script>alert(1)</script>" },
        { "script element after text", "see <script>alert(1)</script>" },
        { "script block", "<script>\nalert(1)\n</script>" },
        { "image with onerror", "<img src=x onerror=alert(1)>" },
        { "image with onerror after text", "look: <img src=x onerror=alert(1)>" },
        { "markdown link to javascript", "[x](javascript:alert(1))" },
        { "mixed-case javascript scheme", "[x](JaVaScRiPt:alert(1))" },
        { "entity-encoded javascript scheme", "[x](&#106;avascript:alert(1))" },
        { "javascript scheme with a tab inside", "[x](<java\tscript:alert(1)>)" },
        { "vbscript link", "[x](vbscript:msgbox(1))" },
        { "iframe block", "<iframe src=\"https://evil.example\"></iframe>" },
        { "iframe inline", "a <iframe src=\"https://evil.example\"></iframe> b" },
        { "markdown image to javascript", "![x](javascript:alert(1))" },
        { "markdown image of an html data url", "![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)" },
        { "markdown image of an svg data url", "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)" },
        { "link to an html data url", "[x](<data:text/html,<script>alert(1)</script>>)" },
        { "autolink with javascript", "<javascript:alert(1)>" },
        { "anchor element with javascript", "<a href=\"javascript:alert(1)\">x</a>" },
        { "anchor block with javascript", "<a href=\"javascript:alert(1)\">\nx\n</a>" },
        { "svg with onload", "<svg onload=alert(1)>" },
        { "style element", "<style>body{background:url(javascript:alert(1))}</style>" },
        { "reference link to javascript", "[x][evil]\n\n[evil]: javascript:alert(1)" },
        { "link title breaking out", "[x](https://a.example \"\\\" onmouseover=alert(1) \\\"\")" },
        { "custom container class breaking out", "::: x\" onmouseover=\"alert(1)\nhi\n:::" },
        { "code fence info breaking out", "```js\" onmouseover=\"alert(1)\nx\n```" },
        { "object element", "<object data=\"javascript:alert(1)\"></object>" },
        { "html comment hiding a script", "<!-- x --><script>alert(1)</script>" },
        { "form action", "<form action=\"javascript:alert(1)\"><button>go</button></form>" },
        { "script inside inline math", "$<script>alert(1)</script>$" },
        { "script inside a math block", "$$\n<script>alert(1)</script>\n$$" },
        { "image inside a link to javascript", "[![x](pic.png)](javascript:alert(1))" },
        { "task list item with html", "- [ ] <img src=x onerror=alert(1)>" },
        { "table cell with html", "cells:\n\n| a |\n|---|\n| <script>alert(1)</script> |" },
    };

    [Theory]
    [MemberData(nameof(Attacks))]
    public void Attack_in_a_question_renders_inert(string name, string attack) =>
        AssertInert(name, RenderCheck.First($"Q: question\n\n{attack}\n\nA: answer\n"));

    [Theory]
    [MemberData(nameof(Attacks))]
    public void Attack_in_an_answer_renders_inert(string name, string attack) =>
        AssertInert(name, RenderCheck.First($"Q: question\n\nA: answer\n\n{attack}\n"));

    [Theory]
    [MemberData(nameof(Attacks))]
    public void Attack_on_the_marker_line_renders_inert(string name, string attack) =>
        AssertInert(name, RenderCheck.First($"Q: {attack}\nA: {attack}\n"));

    [Theory]
    [MemberData(nameof(Attacks))]
    public void Attack_in_a_cloze_text_and_extra_renders_inert(string name, string attack) =>
        AssertInert(name, RenderCheck.First($"C: The {{{{hidden}}}} word {attack}\n\nA: {attack}\n", deletionIndex: 1));

    [Theory]
    [MemberData(nameof(Attacks))]
    public void Attack_inside_a_deletion_and_its_hint_renders_inert(string name, string attack)
    {
        var deck = $"C: The {{{{{attack.Replace("\n", " ")}::{attack.Replace("\n", " ")}}}}} word {{{{two}}}}\n";
        AssertInert(name, RenderCheck.First(deck, deletionIndex: 1));
        AssertInert(name, RenderCheck.First(deck, deletionIndex: 2));
    }

    [Theory]
    [MemberData(nameof(Attacks))]
    public void Attack_in_loose_markdown_renders_inert(string name, string attack)
    {
        var html = CardRenderer.RenderMarkdown(attack, RenderCheck.Resolve);
        Assert.True(RenderCheck.ExecutableParts(html) is [], $"{name}: {string.Join(", ", RenderCheck.ExecutableParts(html))}\n{html}");
    }

    [Fact]
    public void Resolver_returning_a_javascript_uri_is_not_trusted()
    {
        var document = Documents.DeckDocument.Parse("Q: [x](notes.md) ![y](pic.png)\nA: z\n");

        var card = CardRenderer.Render(document.Deck.Cards[0], document.Text, _ => "javascript:alert(1)");

        Assert.Empty(RenderCheck.ExecutableParts(card.FrontHtml));
        Assert.Equal("<p>x y</p>\n", card.FrontHtml);
    }

    [Theory]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("<a href=\"javascript:alert(1)\">x</a>")]
    [InlineData("<img src=x onerror=alert(1)>")]
    [InlineData("<p onclick=\"alert(1)\">")]
    public void The_inertness_check_itself_catches_live_markup(string html) =>
        Assert.NotEmpty(RenderCheck.ExecutableParts(html));

    private static void AssertInert(string name, RenderedCard card)
    {
        Assert.True(RenderCheck.ExecutableParts(card.FrontHtml) is [], $"{name}: front has {string.Join(", ", RenderCheck.ExecutableParts(card.FrontHtml))}\n{card.FrontHtml}");
        Assert.True(RenderCheck.ExecutableParts(card.BackHtml) is [], $"{name}: back has {string.Join(", ", RenderCheck.ExecutableParts(card.BackHtml))}\n{card.BackHtml}");
    }
}
