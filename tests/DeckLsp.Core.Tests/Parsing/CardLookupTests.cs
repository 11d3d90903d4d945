using DeckLsp.Core.Documents;

namespace DeckLsp.Core.Tests.Parsing;

/// <summary>Finding the card at an offset by binary search over the lazily placed cards, as the hover does.</summary>
public class CardLookupTests
{
    [Fact]
    public void The_last_card_starting_at_or_before_each_offset_is_the_one_a_walk_finds()
    {
        var document = DeckDocument.Parse("# Deck\n\nQ: one\nA: 1\n\n## Part\n\nC: a {{two}}\n\nR: three\nA: drei\n\n---\n\nQ: four\n");
        var cards = document.Deck.Cards;

        for (var offset = -1; offset <= document.Text.Length + 1; offset++)
        {
            var walked = -1;
            for (var i = 0; i < cards.Count; i++)
            {
                if (cards[i].Span.Start <= offset)
                {
                    walked = i;
                }
            }

            Assert.Equal(walked, document.Deck.LastCardStartingAtOrBefore(offset));
        }
    }

    [Fact]
    public void A_card_read_twice_is_the_same_object_and_sits_in_its_section()
    {
        var document = DeckDocument.Parse("# Deck\n\nQ: one\nA: 1\n\n## Part\n\nQ: two\nA: 2\n");

        var second = document.Deck.Cards[1];

        Assert.Same(second, document.Deck.Cards[1]);
        Assert.Equal("Part", document.Deck.Sections[second.SectionIndex].Title);
        Assert.Equal(document.Text.IndexOf("Q: two", StringComparison.Ordinal), second.Span.Start);
    }
}
