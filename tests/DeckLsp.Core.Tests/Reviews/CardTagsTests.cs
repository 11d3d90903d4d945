using DeckLsp.Core.Documents;
using DeckLsp.Core.Model;

namespace DeckLsp.Core.Tests.Reviews;

public class CardTagsTests
{
    [Fact]
    public void A_card_carries_the_tags_of_its_comments_once_each_and_the_deck_adds_its_own()
    {
        var document = DeckDocument.Parse(
            "---\ntags: [biology]\n---\n\nQ: a <!-- tags: exam, #Hard -->\nA: b <!-- tags: EXAM cell/membrane -->\n\nQ: c\nA: d\n");

        var (first, second) = (document.Deck.Cards[0], document.Deck.Cards[1]);

        Assert.Equal(["exam", "Hard", "cell/membrane"], first.Tags);
        Assert.Empty(second.Tags);
        Assert.Equal(["biology", "exam", "Hard", "cell/membrane"], CardTags.Of(document.Deck, first));
        Assert.Equal(["biology"], CardTags.Of(document.Deck, second));
    }

    [Fact]
    public void Malformed_tags_are_left_out_and_the_rest_kept()
    {
        var card = DeckDocument.Parse("Q: a <!-- tags: ok -bad wh@t fine -->\nA: b\n").Deck.Cards[0];

        Assert.Equal(["ok", "fine"], card.Tags);
    }

    [Theory]
    [InlineData("exam", "exam", true)]
    [InlineData("EXAM", "exam", true)]
    [InlineData("#exam", "exam", true)]
    [InlineData("lang", "lang/python", true)]
    [InlineData("lang", "lang::python", true)]
    [InlineData("lang/python", "lang", false)]
    [InlineData("lang", "language", false)]
    [InlineData("exam", "other", false)]
    public void A_filter_picks_the_tag_and_its_children(string wanted, string carried, bool picked)
    {
        Assert.Equal(picked, CardTags.Matches([carried], [wanted]));
    }

    [Fact]
    public void An_empty_filter_picks_every_card_and_any_wanted_tag_is_enough()
    {
        Assert.True(CardTags.Matches([], []));
        Assert.False(CardTags.Matches([], ["exam"]));
        Assert.True(CardTags.Matches(["b"], ["a", "b"]));
    }
}
