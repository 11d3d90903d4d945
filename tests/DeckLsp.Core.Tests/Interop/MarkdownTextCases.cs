using DeckLsp.Core.Interop;
using DeckLsp.Core.Model;
using static DeckLsp.Core.Tests.Interop.InteropCheck;

namespace DeckLsp.Core.Tests.Interop;

/// <summary>Plain text to Markdown: the same words, and nothing imported can change the deck's structure.</summary>
public sealed class MarkdownTextCases
{
    public static TheoryData<string, string> Cases => new()
    {
        { "Capital of France?", "Capital of France?" },
        { "1. Introduction", "1. Introduction" },
        { "2*3*4", "2\\*3\\*4" },
        { "snake_case stays, _emphasis_ does not", "snake_case stays, \\_emphasis\\_ does not" },
        { "costs $5 or $6", "costs \\$5 or \\$6" },
        { "<b>not html</b>", "\\<b>not html\\</b>" },
        { "x < y", "x < y" },
        { "AT&amp;T & co", "AT\\&amp;T & co" },
        { "H~2~O and x^2^", "H\\~2\\~O and x\\^2\\^" },
        { "[text](not a link)", "[text\\](not a link)" },
        { "a::b", "a\\::b" },
        { "C:\\Users\\me", "C:\\Users\\me" },
        { "ends in \\", "ends in \\\\" },
        { "first\nQ: not a card", "first\\\nQ\\: not a card" },
        { "first\n\nAnswer: look-alike", "first\n\nAnswer\\: look-alike" },
        { "first\n\nA", "first\n\n&#65;" },
        { "first\n# not a heading", "first\\\n\\# not a heading" },
        { "first\n\n- not a list", "first\n\n\\- not a list" },
        { "first\n\n2. not a list", "first\n\n2\\. not a list" },
        { "first\n---", "first\\\n\\---" },
        { "first\n> not a quote", "first\\\n\\> not a quote" },
        { "  padded  \n\n\n  lines  ", "padded\n\nlines" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Plain_text_becomes_markdown_of_the_same_words(string plain, string markdown)
    {
        Assert.Equal(markdown, MarkdownText.FromPlain(plain));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Plain_text_on_either_side_writes_a_deck_without_diagnostics(string plain, string markdown)
    {
        _ = markdown;
        var side = MarkdownText.FromPlain(plain);
        var deck = new ImportedDeck("Cases", [new ImportedCard(CardKind.Basic, side, "answer: " + side), new ImportedCard(CardKind.Basic, "question", side)]);

        var cards = Cards(WriteAndParse(deck));

        Assert.Equal(side, cards[0].Question);
        Assert.Equal(side, cards[1].Answer);
    }
}
