using DeckLsp.Core.Interop;
using DeckLsp.Core.Model;
using static DeckLsp.Core.Tests.Interop.InteropCheck;

namespace DeckLsp.Core.Tests.Interop;

/// <summary>Anki field HTML to Markdown: the tags Anki's editor writes convert; anything else keeps the field as HTML.</summary>
public sealed class AnkiHtmlCases
{
    public static TheoryData<string, string> Converted => new()
    {
        { "<b>bold</b> and <i>it</i>", "**bold** and *it*" },
        { "<b>bold </b>text", "**bold** text" },
        { "<strong>a<em>b</em></strong>", "**a*b***" },
        { "line<br>next", "line\\\nnext" },
        { "<div>one</div><div>two</div>", "one\\\ntwo" },
        { "one<div><br></div><div>two</div>", "one\n\ntwo" },
        { "<p>one</p><p>two</p>", "one\n\ntwo" },
        { "<ul><li>x</li><li>y</li></ul>", "\n- x\n- y" },
        { "Intro<ol><li>x</li><li>y</li></ol>After", "Intro\n\n1. x\n2. y\n\nAfter" },
        { "<ul><li>a<ul><li>b</li></ul></li></ul>", "\n- a\n\n  - b" },
        { "<code>a*b</code> and <code>x`y</code>", "`a*b` and ``x`y``" },
        { "<img src=\"a b.png\" alt=\"pic\">", "![pic](<a b.png>)" },
        { "<a href=\"https://x.org\">site</a>", "[site](https://x.org)" },
        { "x &lt; y &amp;&nbsp;z", "x < y & z" },
        { "\\(x^2\\) and \\[y\\]", "$x^2$ and $$y$$" },
        { "<span style=\"color:red\">red</span> <font color=\"blue\">blue</font> <u>under</u>", "red blue under" },
        { "H<sub>2</sub>O, x<sup>2</sup>, <s>old</s>", "H~2~O, x^2^, ~~old~~" },
        { "<h2>Title</h2>text", "**Title**\n\ntext" },
        { "<pre><code class=\"language-python\">print(1)\nx = 2</code></pre>", "\n```python\nprint(1)\nx = 2\n```" },
        { "first<br>A: second", "first\\\nA\\: second" },
        { "<!-- a comment -->kept", "kept" },
        { "2 * 3 = 6<br># not a heading", "2 \\* 3 = 6\\\n\\# not a heading" },
        // A loose list (each item a paragraph), as our own export writes one: the items keep their text.
        { "<ul><li><p>one</p></li><li><p>two</p></li></ul>", "\n- one\n\n- two" },
        { "<ol><li><p>one</p><p>more</p></li><li>two</li></ol>", "\n1. one\n\n   more\n\n2. two" },
    };

    [Theory]
    [MemberData(nameof(Converted))]
    public void Editor_html_becomes_markdown(string html, string markdown)
    {
        var conversion = AnkiHtml.ToMarkdown(html);

        Assert.Null(conversion.KeptAsHtmlBecause);
        Assert.Equal(markdown, conversion.Markdown);
    }

    [Theory]
    [MemberData(nameof(Converted))]
    public void Converted_fields_write_a_deck_without_diagnostics(string html, string markdown)
    {
        _ = markdown;
        var side = AnkiHtml.ToMarkdown(html).Markdown;

        WriteAndParse(new ImportedDeck("Cases", [new ImportedCard(CardKind.Basic, side, side + " again")]));
    }

    [Theory]
    [InlineData("<table><tr><td>1</td></tr></table>", "<table>")]
    [InlineData("a<blockquote>quoted</blockquote>", "<blockquote>")]
    [InlineData("<audio src=\"x.mp3\"></audio>", "<audio>")]
    public void Html_without_a_markdown_equivalent_is_kept_and_says_why(string html, string reason)
    {
        var conversion = AnkiHtml.ToMarkdown(html);

        Assert.Equal(reason, conversion.KeptAsHtmlBecause);
        Assert.Equal(html, conversion.Markdown);
    }

    [Fact]
    public void Media_names_go_through_the_link_function()
    {
        var conversion = AnkiHtml.ToMarkdown("<img src=\"cat.jpg\"> [sound:meow.mp3] <img src=\"https://x.org/y.png\">", name => "deck.media/" + name);

        Assert.Equal("![](deck.media/cat.jpg) [meow.mp3](deck.media/meow.mp3) ![](https://x.org/y.png)", conversion.Markdown);
    }

    [Theory]
    [InlineData("What is **BPTT**?", "What is <strong>BPTT</strong>?")]
    [InlineData("one\n\ntwo", "<p>one</p>\n<p>two</p>")]
    [InlineData("x <!-- id: a -->", "x")]
    [InlineData("plain \\<!-- note -->", "plain &lt;!-- note --&gt;")]
    [InlineData("inline $x$ and display $$y$$", "inline <span class=\"math\">\\(x\\)</span> and display <span class=\"math\">\\[y\\]</span>")]
    public void Markdown_becomes_the_html_anki_shows(string markdown, string html)
    {
        Assert.Equal(html, AnkiHtml.FromMarkdown(markdown));
    }
}
