using DeckLsp.Core.Rendering;

namespace DeckLsp.Core.Tests.Rendering;

/// <summary>What the study view shows: a deck of one card, the deletion studied, and the front and back HTML expected.</summary>
public class CardRenderCases
{
    private const string Rule = "<hr class=\"answer\" />\n";

    public static TheoryData<string, string, int?, string, string> Cases => new()
    {
        {
            "basic card: question on the front, question and answer on the back",
            "Q: What is *X*?\nA: **Y**.\n", null,
            "<p>What is <em>X</em>?</p>\n",
            "<p>What is <em>X</em>?</p>\n" + Rule + "<p><strong>Y</strong>.</p>\n"
        },
        {
            "id comments never show",
            "Q: Capital? <!-- id: capital -->\n\n<!-- id: second -->\n\nA: Paris <!-- note -->\n", null,
            "<p>Capital? </p>\n",
            "<p>Capital? </p>\n" + Rule + "<p>Paris </p>\n"
        },
        {
            "raw html is shown as text",
            "Q: a <b>bold</b> word\nA: <div>\nblock\n</div>\n", null,
            "<p>a &lt;b&gt;bold&lt;/b&gt; word</p>\n",
            "<p>a &lt;b&gt;bold&lt;/b&gt; word</p>\n" + Rule + "<p class=\"raw-html\">&lt;div&gt;\nblock\n&lt;/div&gt;</p>\n"
        },
        {
            "code block keeps its language and escapes its text",
            "Q: What prints?\n\n```python\nprint(\"<b>\" if a < b else 1)\n```\n\nA: `<b>`\n", null,
            "<p>What prints?</p>\n<pre><code class=\"language-python\">print(&quot;&lt;b&gt;&quot; if a &lt; b else 1)\n</code></pre>\n",
            "<p>What prints?</p>\n<pre><code class=\"language-python\">print(&quot;&lt;b&gt;&quot; if a &lt; b else 1)\n</code></pre>\n" + Rule + "<p><code>&lt;b&gt;</code></p>\n"
        },
        {
            "math is left for KaTeX in math spans",
            "Q: Solve $x^2 = 4$.\nA:\n\n$$\nx = \\pm 2\n$$\n", null,
            "<p>Solve <span class=\"math\">\\(x^2 = 4\\)</span>.</p>\n",
            "<p>Solve <span class=\"math\">\\(x^2 = 4\\)</span>.</p>\n" + Rule + "<div class=\"math\">\n\\[\nx = \\pm 2\n\\]</div>\n"
        },
        {
            "display math inside a paragraph keeps its display delimiters",
            "Q: The sum $$\\sum_k a_k$$ converges when $a_k$ shrinks.\nA: x\n", null,
            "<p>The sum <span class=\"math\">\\[\\sum_k a_k\\]</span> converges when <span class=\"math\">\\(a_k\\)</span> shrinks.</p>\n",
            "<p>The sum <span class=\"math\">\\[\\sum_k a_k\\]</span> converges when <span class=\"math\">\\(a_k\\)</span> shrinks.</p>\n" + Rule + "<p>x</p>\n"
        },
        {
            "relative image and link resolve through the caller",
            "Q: ![diagram](images/diagram.png) and [notes](notes.md)\nA: x\n", null,
            "<p><img src=\"https://webview.test/deck/images/diagram.png\" alt=\"diagram\" /> and <a href=\"https://webview.test/deck/notes.md\">notes</a></p>\n",
            "<p><img src=\"https://webview.test/deck/images/diagram.png\" alt=\"diagram\" /> and <a href=\"https://webview.test/deck/notes.md\">notes</a></p>\n" + Rule + "<p>x</p>\n"
        },
        {
            "unresolved image leaves its alt text, unresolved link its text",
            "Q: ![a diagram](missing.png) [notes](missing.md)\nA: x\n", null,
            "<p>a diagram notes</p>\n",
            "<p>a diagram notes</p>\n" + Rule + "<p>x</p>\n"
        },
        {
            "web links, mail, anchors and raster data images are kept",
            "Q: [w](https://example.com/a?b=1) <me@example.com> [top](#top) ![dot](data:image/png;base64,iVBORw0KGgo=)\nA: x\n", null,
            "<p><a href=\"https://example.com/a?b=1\">w</a> <a href=\"mailto:me@example.com\">me@example.com</a> <a href=\"#top\">top</a> <img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"dot\" /></p>\n",
            "<p><a href=\"https://example.com/a?b=1\">w</a> <a href=\"mailto:me@example.com\">me@example.com</a> <a href=\"#top\">top</a> <img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"dot\" /></p>\n" + Rule + "<p>x</p>\n"
        },
        {
            "network-path and file urls are dropped",
            "Q: [a](//evil.example/x) [b](file:///etc/passwd) ![c](\\\\host\\share.png)\nA: x\n", null,
            "<p>a b c</p>\n",
            "<p>a b c</p>\n" + Rule + "<p>x</p>\n"
        },
        {
            "cloze: studied deletion hidden on the front, revealed and marked on the back, the other shown",
            "C: The {{mitochondria}} is the {{powerhouse}} of the cell.\n", 1,
            "<p>The <span class=\"cloze-blank\">[...]</span> is the powerhouse of the cell.</p>\n",
            "<p>The <mark class=\"cloze\">mitochondria</mark> is the powerhouse of the cell.</p>\n"
        },
        {
            "cloze: a hint replaces the dots",
            "C: The {{mitochondria}} is the {{powerhouse::what?}} of the cell.\n", 2,
            "<p>The mitochondria is the <span class=\"cloze-blank\">[what?]</span> of the cell.</p>\n",
            "<p>The mitochondria is the <mark class=\"cloze\">powerhouse</mark> of the cell.</p>\n"
        },
        {
            "cloze: a hint in brackets is text, never a link",
            "C: {{Paris::[capital](https://x.example)}} is in France.\n", 1,
            "<p><span class=\"cloze-blank\">[[capital](https://x.example)]</span> is in France.</p>\n",
            "<p><mark class=\"cloze\">Paris</mark> is in France.</p>\n"
        },
        {
            "cloze: markdown inside a deletion still renders",
            "C: Water is {{**H2O**}}, see {{*two*}}.\n", 1,
            "<p>Water is <span class=\"cloze-blank\">[...]</span>, see <em>two</em>.</p>\n",
            "<p>Water is <mark class=\"cloze\"><strong>H2O</strong></mark>, see <em>two</em>.</p>\n"
        },
        {
            "cloze: the extra text shows on the back only",
            "C: {{Paris}} is in France. <!-- id: paris -->\n\nA: Capital since 508.\n", 1,
            "<p><span class=\"cloze-blank\">[...]</span> is in France. </p>\n",
            "<p><mark class=\"cloze\">Paris</mark> is in France. </p>\n" + Rule + "<p>Capital since 508.</p>\n"
        },
        {
            "cloze: no deletion named hides and reveals them all",
            "C: {{a}} and {{b::hint}}\n", null,
            "<p><span class=\"cloze-blank\">[...]</span> and <span class=\"cloze-blank\">[hint]</span></p>\n",
            "<p><mark class=\"cloze\">a</mark> and <mark class=\"cloze\">b</mark></p>\n"
        },
        {
            "cloze: braces in code are text",
            "C: In `{{x}}` the {{braces}} stay.\n", 1,
            "<p>In <code>{{x}}</code> the <span class=\"cloze-blank\">[...]</span> stay.</p>\n",
            "<p>In <code>{{x}}</code> the <mark class=\"cloze\">braces</mark> stay.</p>\n"
        },
        {
            "cloze: a deletion in an image's alt text is plain text there",
            "C: ![a {{cat}}](cat.png)\n", 1,
            "<p><img src=\"https://webview.test/deck/cat.png\" alt=\"a [...]\" /></p>\n",
            "<p><img src=\"https://webview.test/deck/cat.png\" alt=\"a cat\" /></p>\n"
        },
        {
            "private-use sentinel characters typed by the author are not mistaken for deletions",
            "C: odd \uE000x\uE001 \uE0020\uE003 {{real}}\n", 1,
            "<p>odd x 0 <span class=\"cloze-blank\">[...]</span></p>\n",
            "<p>odd x 0 <mark class=\"cloze\">real</mark></p>\n"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Card_renders_as_expected(string name, string deck, int? deletionIndex, string front, string back)
    {
        var card = RenderCheck.First(deck, deletionIndex);

        Assert.True(front == card.FrontHtml, $"{name}: front\nexpected {front}\nactual   {card.FrontHtml}");
        Assert.True(back == card.BackHtml, $"{name}: back\nexpected {back}\nactual   {card.BackHtml}");
    }

    [Fact]
    public void Reversible_card_forward_asks_the_question_and_reverse_asks_the_answer()
    {
        var document = Documents.DeckDocument.Parse("R: der *Hund*\nA: the dog <!-- id: hund -->\n");
        var card = document.Deck.Cards[0];

        var forward = CardRenderer.Render(card, document.Text, RenderCheck.Resolve);
        var reverse = CardRenderer.Render(card, document.Text, RenderCheck.Resolve, reverse: true);

        Assert.Equal("<p>der <em>Hund</em></p>\n", forward.FrontHtml);
        Assert.Equal("<p>der <em>Hund</em></p>\n" + Rule + "<p>the dog </p>\n", forward.BackHtml);
        Assert.Equal("<p>the dog </p>\n", reverse.FrontHtml);
        Assert.Equal("<p>the dog </p>\n" + Rule + "<p>der <em>Hund</em></p>\n", reverse.BackHtml);
    }

    [Fact]
    public void Reverse_of_a_one_way_card_is_refused()
    {
        var document = Documents.DeckDocument.Parse("Q: a\nA: b\n");

        Assert.Throws<ArgumentException>(() => CardRenderer.Render(document.Deck.Cards[0], document.Text, RenderCheck.Resolve, reverse: true));
    }

    [Fact]
    public void Cloze_deletion_that_does_not_exist_is_refused()
    {
        var document = Documents.DeckDocument.Parse("C: {{a}} and {{b}}\n");

        Assert.Throws<ArgumentOutOfRangeException>(() =>
            CardRenderer.Render(document.Deck.Cards[0], document.Text, RenderCheck.Resolve, deletionIndex: 3));
    }

    [Fact]
    public void Reference_links_defined_in_the_same_markdown_resolve()
    {
        var html = CardRenderer.RenderMarkdown("[notes][n] and [web][w]\n\n[n]: notes.md\n[w]: https://example.com\n", RenderCheck.Resolve);

        Assert.Equal("<p><a href=\"https://webview.test/deck/notes.md\">notes</a> and <a href=\"https://example.com\">web</a></p>\n", html);
    }
}
