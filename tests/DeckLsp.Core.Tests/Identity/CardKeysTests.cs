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
    [InlineData("C: {{x}} and {{}} and {{z}}\n", "k#c1 k#c3")]
    [InlineData("C: only {{ }} and {{::a hint}}\n", "")]
    [InlineData("R: der Hund\nA: the dog\n", "k k#r")]
    [InlineData("Q: no answer yet\n", "")]
    [InlineData("R: no answer yet\nA:\n", "")]
    public void Each_card_is_reviewed_under_its_keys(string deck, string expected)
    {
        var card = DeckDocument.Parse(deck).Deck.Cards[0];

        Assert.Equal(expected, string.Join(" ", CardKeys.ReviewKeys(card, "k")));
    }

    [Theory]
    [InlineData("k", "k", null, false)]
    [InlineData("k#c2", "k", 2, false)]
    [InlineData("my-id#c12", "my-id", 12, false)]
    [InlineData("odd#c", "odd#c", null, false)]
    [InlineData("odd#cx", "odd#cx", null, false)]
    [InlineData("k#r", "k", null, true)]
    [InlineData("~0123456789ab#r", "~0123456789ab", null, true)]
    [InlineData("#r", "#r", null, false)]
    public void Review_key_splits_into_card_key_and_direction_or_deletion(string reviewKey, string cardKey, int? deletion, bool reverse)
    {
        Assert.Equal((cardKey, deletion, reverse), CardKeys.Split(reviewKey));
    }

    [Fact]
    public void Deletion_and_reverse_keys_split_back_into_their_parts()
    {
        Assert.Equal(("~3f", 4, false), CardKeys.Split(CardKeys.ForDeletion("~3f", 4)));
        Assert.Equal(("~3f", (int?)null, true), CardKeys.Split(CardKeys.ForReverse("~3f")));
    }
}
