using DeckLsp.Core.Identity;

namespace DeckLsp.Core.Tests.Identity;

/// <summary>Keys through the editor's own edits: a deck, the edits in order, the keys after them and what was removed.</summary>
public class CardTrackingCases
{
    private const string Three = "Q: alpha\nA: 1\n\nQ: beta\nA: 2\n\nQ: gamma\nA: 3\n";

    public static TheoryData<string, string, (string, string)[], string, string> Cases => new()
    {
        { "an edit inside an answer keeps every key", Three, [("A: 2", "A: two, with more words")], "k1 k2 k3", "" },
        { "a question rewritten completely in place keeps its key", Three, [("Q: beta", "Q: something else entirely")], "k1 k2 k3", "" },
        { "a question emptied and retyped keeps its key", Three, [("Q: beta", "Q: "), ("Q: \nA: 2", "Q: delta\nA: 2")], "k1 k2 k3", "" },
        { "an edit before every card shifts them all and keeps their keys", "Intro.\n\n" + Three, [("Intro.", "A longer introduction.")], "k1 k2 k3", "" },
        { "a deleted card is reported removed", Three, [("Q: beta\nA: 2\n\n", "")], "k1 k3", "k2" },
        { "a pasted card gets a fresh key", Three, [("A: 3\n", "A: 3\n\nQ: delta\nA: 4\n")], "k1 k2 k3 n1", "" },
        { "a card split in two keeps its key for the first part", Three, [("A: 1", "A: 1\n\nQ: delta\nA: 4")], "k1 n1 k2 k3", "" },
        { "two cards merged keep the first key", Three, [("1\n\nQ: beta\nA: ", "1 and ")], "k1 k3", "k2" },
        { "cut then paste moves a card with its key", Three, [("Q: alpha\nA: 1\n\n", ""), ("A: 3\n", "A: 3\n\nQ: alpha\nA: 1\n")], "k2 k3 k1", "" },
        { "cut then paste between other cards", Three, [("Q: gamma\nA: 3\n", ""), ("Q: alpha\n", "Q: gamma\nA: 3\n\nQ: alpha\n")], "k3 k1 k2", "" },
        {
            // Half-typed, "Q: new⏎AQ: beta" is one card no key fits, so the new card, with no history yet, ends as n2.
            "typing a new card at the start of another card's line gives that card its key back",
            Three, IdentityCheck.Typing("Q: alpha\nA: 1\n\n", "Q: new\nA: n\n\n"), "k1 n2 k2 k3", "n1"
        },
        {
            "typing a new card at the end of the deck",
            Three, IdentityCheck.Typing("A: 3\n", "\nQ: new\nA: n\n"), "k1 k2 k3 n1", ""
        },
        { "a line of prose that joins a card's answer keeps its key", Three, [("A: 1\n\n", "A: 1\n\nloose prose\n\n")], "k1 k2 k3", "" },
        { "text typed before the next card's marker merges that card into the answer above, which keeps its key", Three, [("Q: beta", "word Q: beta")], "k1 k3", "k2" },
        {
            // Found by the identity property: the next card's marker deleted merges that card into this one's answer, and
            // with alike questions the similarity step found no clear winner between the two old cards.
            "a card whose next card's marker is deleted keeps its key as that card merges into its answer",
            "Q: question 0 about topic\n0\nA: ---\n\nQ: question 1 about topic 7\nA: answer 1\n\nQ:\n question 2 about topic 14\nA: answer Q: fresh question\nA: fresh answer\n\nabout topic 21\nA: answer 3\n\nQ: question 4 about topic 28\nA: answer 4\n",
            [(":\n questio", "---\n\n")], "k1 k2 k4", "k3"
        },
        { "the same with the watched card last but one", "Q: alpha\nA: 1\n\nQ: beta\nA: 2\n", [("Q: beta", "x Q: beta")], "k1", "k2" },
        { "a code fence that swallows cards removes them, closing it brings them back", Three, [("Q: beta", "```\nQ: beta"), ("```\nQ: beta", "Q: beta")], "k1 k2 k3", "" },
        {
            // Found by the identity property: a "---" typed at the start and another below close front matter over cards.
            "front matter closed over cards removes them, opening it again brings them back",
            Three, [("Q: alpha", "---\nQ: alpha"), ("A: 2\n", "A: 2\n---\n"), ("A: 2\n---\n", "A: 2\n")], "k1 k2 k3", ""
        },
        { "duplicate cards keep their order", "Q: same\nA: x\n\nQ: same\nA: x\n\nQ: other\nA: y\n", [("Q: other", "Q: other!")], "k1 k2 k3", "" },
        { "one edit replacing the whole text in a new order keeps each card's key", Three, [(Three, "Q: gamma\nA: 3\n\nQ: alpha\nA: 1\n\nQ: beta\nA: 2\n")], "k3 k1 k2", "" },
        { "a cloze card given another deletion keeps its key", "C: The {{cell}} is small.\n\nQ: a\nA: b\n", [("is small", "is {{small}}")], "k1 k2", "" },
        { "an id added to a card takes over its history", Three, [("A: 2", "A: 2 <!-- id: second -->")], "k1 second<k2 k3", "" },
        { "an id changed takes over the old id's history", "Q: a <!-- id: one -->\nA: 1\n\nQ: b\nA: 2\n", [("id: one", "id: uno")], "uno<one k1", "" },
        { "an id removed leaves the id as the card's key", "Q: a <!-- id: one -->\nA: 1\n\nQ: b\nA: 2\n", [(" <!-- id: one -->", "")], "one k1", "" },
        { "an id given up and taken by another card carries that card's own history", "Q: a <!-- id: one -->\nA: 1\n\nQ: b\nA: 2\n", [("id: one", "id: uno"), ("Q: b", "Q: b <!-- id: one -->")], "uno one<k1", "" },
        { "a second card with the same id keeps its own key", "Q: a <!-- id: one -->\nA: 1\n\nQ: b\nA: 2\n", [("Q: b", "Q: b <!-- id: one -->")], "one k1", "" },
    };

    [Fact]
    public void Stale_recently_removed_entry_never_takes_a_key_still_in_use()
    {
        var (document, keys) = IdentityCheck.Open(Three);
        var stale = new KeyedFingerprint("k2", new CardFingerprint(null, "delta", "4", 1));
        var change = IdentityCheck.Diff(document.Text, "Q: delta\nA: 4\n\n" + Three);
        var next = document.Apply(change);

        var result = CardIdentity.Track(new KeyedCards(document.Text, document.Deck.Cards, keys),
            next.Deck.Cards, next.Text, change, IdentityCheck.Counter("n"), [stale]);

        Assert.Equal("n1 k1 k2 k3", IdentityCheck.Show(result.Links));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Keys_follow_cards_through_editor_edits(string name, string deck, (string, string)[] edits, string keys, string removed)
    {
        var (actualKeys, actualRemoved) = IdentityCheck.Edit(deck, edits);

        Assert.True(keys == actualKeys, $"{name}: keys {actualKeys}, expected {keys}");
        Assert.True(removed == actualRemoved, $"{name}: removed {actualRemoved}, expected {removed}");
    }
}
