using DeckLsp.Core.Documents;
using DeckLsp.Core.Rendering;

namespace DeckLsp.Core.Tests.Rendering;

/// <summary>Cards as text, for the terminal and for editors that study through message boxes.</summary>
public class TextRendererTests
{
    private static TextCard Render(string deck, int card = 0, int? deletion = null)
    {
        var document = DeckDocument.Parse(deck);
        return TextRenderer.Render(document.Deck.Cards[card], document.Text, deletion);
    }

    [Fact]
    public void Emphasis_code_and_math_are_styles_and_math_keeps_its_tex_source()
    {
        var card = Render("Q: Why **is** `x` $x^2$ *here*? <!-- id: a -->\nA: Because.\n");

        var runs = Assert.Single(card.Front).Runs;
        Assert.Equal("Why is x $x^2$ here? ", string.Concat(runs.Select(r => r.Text)));
        Assert.Contains(new TextRun("is", TextStyle.Strong), runs);
        Assert.Contains(new TextRun("x", TextStyle.Code), runs);
        Assert.Contains(new TextRun("$x^2$", TextStyle.Math), runs);
        Assert.Contains(new TextRun("here", TextStyle.Emphasis), runs);
        Assert.Equal("Because.", TextCard.Plain(card.Back));
    }

    [Fact]
    public void Lists_quotes_code_blocks_and_display_math_keep_their_shape()
    {
        var card = Render("Q: Steps?\n\nA: First:\n\n1. one\n2. two\n   - nested\n\n> quoted\n\n```python\nprint(1)\n```\n\n$$\na+b\n$$\n");

        Assert.Equal(
            "First:\n\n1. one\n2. two\n   • nested\n\n│ quoted\n\n  print(1)\n\n  $$\n  a+b\n  $$",
            TextCard.Plain(card.Back));
        Assert.Contains(card.Back, line => line.Runs.Contains(new TextRun("print(1)", TextStyle.Code)));
    }

    [Fact]
    public void A_cloze_deletion_is_hidden_on_the_front_and_revealed_on_the_back_others_shown()
    {
        var card = Render("C: The {{mitochondria}} is the {{powerhouse::what?}} of the cell.\n\nA: Extra.\n", deletion: 2);

        Assert.Equal("The mitochondria is the [what?] of the cell.", TextCard.Plain(card.Front));
        Assert.Contains(new TextRun("[what?]", TextStyle.Cloze), card.Front[0].Runs);
        Assert.Equal("The mitochondria is the powerhouse of the cell.\n\nExtra.", TextCard.Plain(card.Back));
        Assert.Contains(new TextRun("powerhouse", TextStyle.Cloze), card.Back[0].Runs);
    }

    [Fact]
    public void Images_become_their_alt_text_and_raw_html_stays_text()
    {
        var card = Render("Q: See ![a cell](cell.png) and <b>bold</b>\nA: ok\n");

        Assert.Equal("See [image: a cell] and <b>bold</b>", TextCard.Plain(card.Front));
    }
}
