using DeckLsp.Core.Documents;
using DeckLsp.Core.Identity;

namespace DeckLsp.Core.Tests.Identity;

/// <summary>
/// Keys after edits made outside the editor: the deck as last known (keys k1, k2… or ids), the deck as read now,
/// the keys it gets (fresh ones n1, n2…) and the known keys left orphaned.
/// </summary>
public class CardRelinkingCases
{
    private const string Capitals = "Q: What is the capital of France?\nA: Paris\n\nQ: What is the capital of Spain?\nA: Madrid\n";

    public static TheoryData<string, string, string, string, string> Cases => new()
    {
        { "an unchanged deck keeps every key", Capitals, Capitals, "k1 k2", "" },
        { "reordered cards keep their keys", Capitals, "Q: What is the capital of Spain?\nA: Madrid\n\nQ: What is the capital of France?\nA: Paris\n", "k2 k1", "" },
        { "formatting and case do not matter", Capitals, "Q: What is the **capital** of  france?\nA: *Paris*\n\nQ: What is the capital of Spain?\nA: Madrid\n", "k1 k2", "" },
        { "a typo fixed in a question still links", "Q: What is the capitol of France?\nA: Paris\n", "Q: What is the capital of France?\nA: Paris\n", "k1", "" },
        { "a reworded answer under the same question still links", Capitals, "Q: What is the capital of France?\nA: Paris, on the Seine\n\nQ: What is the capital of Spain?\nA: Madrid\n", "k1 k2", "" },
        { "a question rewritten beyond recognition is a new card", Capitals, "Q: Which city hosts the Louvre?\nA: Paris\n\nQ: What is the capital of Spain?\nA: Madrid\n", "n1 k2", "k1" },
        { "a deleted card is orphaned", Capitals, "Q: What is the capital of Spain?\nA: Madrid\n", "k2", "k1" },
        { "an added card is new", Capitals, Capitals + "\nQ: What is the capital of Italy?\nA: Rome\n", "k1 k2 n1", "" },
        {
            "a changed card as close to two known cards is not guessed",
            "Q: State the first law of thermodynamics.\nA: Energy is conserved.\n\nQ: State the first law of thermodynamics!\nA: Energy is conserved!\n",
            "Q: State the first law of thermodynamics?\nA: Energy is conserved?\n",
            "n1", "k1 k2"
        },
        {
            "a changed card links to the known card it is clearly closest to",
            "Q: What is the capital of France?\nA: Paris\n\nQ: What is the largest river of France?\nA: The Loire\n",
            "Q: What is the capital city of France?\nA: Paris\n",
            "k1", "k2"
        },
        { "duplicate cards link in order", "Q: same\nA: x\n\nQ: same\nA: x\n", "Q: new\nA: y\n\nQ: same\nA: x\n\nQ: same\nA: x\n", "n1 k1 k2", "" },
        { "an explicit id is the key whatever the text", "Q: old text <!-- id: fr -->\nA: 1\n", "Q: entirely new words <!-- id: fr -->\nA: 2\n", "fr", "" },
        { "an id added outside the editor takes over the card's history", Capitals, "Q: What is the capital of France? <!-- id: fr -->\nA: Paris\n\nQ: What is the capital of Spain?\nA: Madrid\n", "fr<k1 k2", "" },
        { "an id removed outside the editor keeps the id as the key", "Q: a <!-- id: one -->\nA: 1\n", "Q: a\nA: 1\n", "one", "" },
        { "cloze cards link by their text", "C: The {{mitochondria}} is the powerhouse of the cell.\n", "C: The {{mitochondrion}} is the powerhouse of the cell.\n", "k1", "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Keys_are_relinked_after_edits_outside_the_editor(string name, string known, string now, string keys, string orphaned)
    {
        var document = DeckDocument.Parse(now);

        var result = CardIdentity.Relink(IdentityCheck.Known(known), CardFingerprint.AllOf(document.Deck, document.Text), IdentityCheck.Counter("n"));

        Assert.True(keys == IdentityCheck.Show(result.Links), $"{name}: keys {IdentityCheck.Show(result.Links)}, expected {keys}");
        Assert.True(orphaned == IdentityCheck.Show(result.Removed), $"{name}: orphaned {IdentityCheck.Show(result.Removed)}, expected {orphaned}");
    }

    [Fact]
    public void Orphaned_history_comes_back_with_its_card()
    {
        var known = IdentityCheck.Known(Capitals);
        var without = DeckDocument.Parse("Q: What is the capital of Spain?\nA: Madrid\n");
        var first = CardIdentity.Relink(known, CardFingerprint.AllOf(without.Deck, without.Text), IdentityCheck.Counter("n"));
        // The database keeps the orphan with its last fingerprint, next to the linked cards.
        var stored = first.Links.Select((l, i) => new KeyedFingerprint(l.Key, CardFingerprint.AllOf(without.Deck, without.Text)[i]))
            .Concat(first.Removed).ToList();

        var again = DeckDocument.Parse(Capitals);
        var second = CardIdentity.Relink(stored, CardFingerprint.AllOf(again.Deck, again.Text), IdentityCheck.Counter("n"));

        Assert.Equal("k1", IdentityCheck.Show(first.Removed));
        Assert.Equal("k1 k2", IdentityCheck.Show(second.Links));
        Assert.Empty(second.Removed);
    }

    [Fact]
    public void Fresh_keys_never_reuse_a_known_key()
    {
        var known = IdentityCheck.Known(Capitals);
        var document = DeckDocument.Parse("Q: unrelated\nA: x\n");

        var result = CardIdentity.Relink(known, CardFingerprint.AllOf(document.Deck, document.Text), IdentityCheck.Counter("k"));

        Assert.Equal("k3", IdentityCheck.Show(result.Links));
    }

    [Fact]
    public void Key_generator_that_only_repeats_itself_is_reported()
    {
        var known = IdentityCheck.Known(Capitals);
        var document = DeckDocument.Parse("Q: unrelated\nA: x\n");

        Assert.Throws<InvalidOperationException>(() =>
            CardIdentity.Relink(known, CardFingerprint.AllOf(document.Deck, document.Text), (_, _) => "k1"));
    }
}
