using DeckLsp.Core.Documents;
using DeckLsp.Core.Identity;

namespace DeckLsp.Core.Tests.Identity;

/// <summary>Review keys: one per basic card, one per cloze deletion, and back from a review key to its card.</summary>
public class CardKeysTests
{
    [Theory]
    [InlineData("Q: a\nA: b\n", "k")]
    [InlineData("C: {{x}} and {{y::hint}} and {{z}}\n", "k#c1 k#c2 k#c3")]
    [InlineData("C: no deletion\n", "")]
    public void Each_card_is_reviewed_under_its_keys(string deck, string expected)
    {
        var card = DeckDocument.Parse(deck).Deck.Cards[0];

        Assert.Equal(expected, string.Join(" ", CardKeys.ReviewKeys(card, "k")));
    }

    [Theory]
    [InlineData("k", "k", null)]
    [InlineData("k#c2", "k", 2)]
    [InlineData("my-id#c12", "my-id", 12)]
    [InlineData("odd#c", "odd#c", null)]
    [InlineData("odd#cx", "odd#cx", null)]
    public void Review_key_splits_into_card_key_and_deletion(string reviewKey, string cardKey, int? deletion)
    {
        Assert.Equal((cardKey, deletion), CardKeys.Split(reviewKey));
    }

    [Fact]
    public void Deletion_key_splits_back_into_its_parts()
    {
        Assert.Equal(("~3f", 4), CardKeys.Split(CardKeys.ForDeletion("~3f", 4)));
    }
}
