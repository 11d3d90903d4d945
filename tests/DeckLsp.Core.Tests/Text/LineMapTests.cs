using DeckLsp.Core.Documents;
using DeckLsp.Core.Text;
using FsCheck.Xunit;

namespace DeckLsp.Core.Tests.Text;

/// <summary>Positions are UTF-16 code units on lines ended by \n, \r\n or a lone \r, as LSP counts them.</summary>
public class LineMapTests
{
    public static TheoryData<string, string, int, int, int> Positions => new()
    {
        // name, text, offset, expected line, expected character
        { "LF", "ab\ncd", 4, 1, 1 },
        { "CRLF counts as one break", "ab\r\ncd", 5, 1, 1 },
        { "lone CR ends a line", "ab\rcd", 3, 1, 0 },
        { "surrogate pair counts two", "😀x\ny", 2, 0, 2 },
        { "tab counts one", "\tQ: x", 1, 0, 1 },
        { "BOM is a code unit", "\uFEFFQ: x\nA: y", 6, 1, 0 },
        { "end of text", "a\n", 2, 1, 0 },
    };

    [Theory]
    [MemberData(nameof(Positions))]
    public void Offset_maps_to_line_and_utf16_character(string name, string text, int offset, int line, int character)
    {
        Assert.NotNull(name);
        var map = LineMap.Build(text);
        Assert.Equal(new LinePosition(line, character), map.GetPosition(offset));
        Assert.Equal(offset, map.GetOffset(new LinePosition(line, character), text));
    }

    [Fact]
    public void Character_past_the_end_of_a_line_clamps_to_the_line_end()
    {
        var text = "ab\r\ncd";
        Assert.Equal(2, LineMap.Build(text).GetOffset(new LinePosition(0, 99), text));
    }

    [Fact]
    public void Line_past_the_end_clamps_to_the_text_end()
    {
        var text = "ab\ncd";
        Assert.Equal(5, LineMap.Build(text).GetOffset(new LinePosition(7, 0), text));
    }

    [Fact]
    public void Diagnostic_after_an_emoji_and_tab_is_placed_in_utf16_units()
    {
        var document = DeckDocument.Parse("Q: 😀\tx\r\n\r\nQ: y\r\nA: z\r\n");
        var diagnostic = Assert.Single(document.Diagnostics);
        Assert.Equal(new LineRange(new LinePosition(0, 0), new LinePosition(0, 2)), document.Lines.GetRange(diagnostic.Span));
        Assert.Equal(new LinePosition(2, 0), document.Lines.GetPosition(document.Deck.Cards[1].Marker.Start));
    }

    [Theory]
    [InlineData("\uFEFFQ: a\nA: b\n")]
    [InlineData("\uFEFF---\ntitle: T\n---\nQ: a\nA: b\n")]
    public void Deck_with_a_BOM_parses_its_first_card(string deck)
    {
        var document = DeckDocument.Parse(deck);
        Assert.Single(document.Deck.Cards);
        Assert.Empty(document.Diagnostics);
    }

    [Fact]
    public void Marker_after_a_BOM_is_placed_after_it()
    {
        var document = DeckDocument.Parse("\uFEFFQ: a\nA: b\n");
        var card = Assert.Single(document.Deck.Cards);
        Assert.Empty(document.Diagnostics);
        Assert.Equal(new LinePosition(0, 1), document.Lines.GetPosition(card.Marker.Start));
    }

    [Property(MaxTest = 200)]
    public bool Every_offset_round_trips(string text)
    {
        text ??= "";
        var map = LineMap.Build(text);
        for (var offset = 0; offset <= text.Length; offset++)
        {
            // An offset inside a CRLF pair has no position of its own in LSP; it maps to the line's end.
            if (offset > 0 && text[offset - 1] == '\r' && offset < text.Length && text[offset] == '\n')
            {
                continue;
            }

            if (map.GetOffset(map.GetPosition(offset), text) != offset)
            {
                return false;
            }
        }

        return true;
    }
}
