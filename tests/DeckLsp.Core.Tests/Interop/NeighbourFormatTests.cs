using DeckLsp.Core.Interop;
using DeckLsp.Core.Model;
using static DeckLsp.Core.Tests.Interop.InteropCheck;

namespace DeckLsp.Core.Tests.Interop;

/// <summary>The neighbours' Markdown: a hashcards deck and an Obsidian Spaced Repetition note, each imported whole.</summary>
public sealed class NeighbourFormatTests
{
    [Fact]
    public void A_hashcards_deck_imports_with_its_name_bracket_cloze_and_root_images()
    {
        var text = File.ReadAllText(Fixture("hashcards-geography.md"));

        var deck = Imported(HashcardsFormat.Import(text, "fallback", path => "../collection/" + path));

        var document = WriteAndParse(deck);
        Assert.Equal("Geography", document.Deck.Title);
        Assert.Equal(
            [
                new ReadCard(CardKind.Basic, "What is the capital of **France**?", "Paris"),
                new ReadCard(CardKind.Cloze, "{{Paris}} is the capital of {{France}}, see [the map](https://example.org/map).", null),
                new ReadCard(CardKind.Basic, "Which flag is this?\n\n![flag](../collection/img/fr-flag.png)", "- blue\n- white\n- red"),
            ],
            Cards(document));
        Assert.All(deck.Cards, c => Assert.Equal(["Europe"], c.Section));
        Assert.Contains(deck.Notes, n => n.Contains("`author`", StringComparison.Ordinal));
        Assert.Contains(deck.Notes, n => n.Contains("1 image under the collection's root", StringComparison.Ordinal));
    }

    [Fact]
    public void An_obsidian_note_imports_its_cards_both_ways_and_its_schedules_as_starting_reviews()
    {
        var text = File.ReadAllText(Fixture("obsidian-sr-biology.md"));

        var (result, reviews) = ObsidianSrFormat.Import(text, "biology");

        var deck = Imported(result);
        var document = WriteAndParse(deck);
        Assert.Equal(
            [
                new ReadCard(CardKind.Basic, "What is the powerhouse of the cell", "The mitochondria", deck.Cards[0].Id),
                new ReadCard(CardKind.Reversible, "Mitosis", "Cell division into two identical cells", deck.Cards[1].Id),
                new ReadCard(CardKind.Basic, "What are the phases of mitosis?", "- prophase\n- metaphase\n- anaphase\n- telophase"),
                new ReadCard(CardKind.Cloze, "The {{nucleus}} holds the {{DNA}}.", null, deck.Cards[3].Id),
                new ReadCard(CardKind.Reversible, "Chlorophyll", "Green pigment of plants"),
            ],
            Cards(document));
        Assert.Equal(["Cells", "Plants"], deck.Cards[4].Section);
        Assert.Equal(deck.Id, Imported(ObsidianSrFormat.Import(text.Replace("2024-05-11,10", "2024-06-01,21", StringComparison.Ordinal), "biology").Result).Id);

        // Each schedule is a Good review where its interval began: due minus interval; a card studied both ways has
        // one schedule per direction, the second the reverse's.
        Assert.Equal(
            [
                (deck.Cards[0].Id!, "2024-05-01"),
                (deck.Cards[1].Id!, "2024-05-01"),
                (deck.Cards[1].Id + "#r", "2024-05-01"),
                (deck.Cards[3].Id + "#c1", "2024-05-01"),
                (deck.Cards[3].Id + "#c2", "2024-05-01"),
            ],
            reviews.Select(r => (r.ReviewKey, r.ReviewedAt.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))));
        Assert.All(reviews, r => Assert.Equal(4, r.Rating));
        Assert.DoesNotContain(deck.Notes, n => n.Contains("both ways", StringComparison.Ordinal));
        Assert.Contains(deck.Notes, n => n.Contains("1 paragraph", StringComparison.Ordinal));
    }

    [Fact]
    public void A_note_without_cards_is_refused_with_a_reason()
    {
        var (result, reviews) = ObsidianSrFormat.Import("Just prose, no card at all.\n", "x");

        Assert.StartsWith("it holds no card", result.Problem, StringComparison.Ordinal);
        Assert.Empty(reviews);
    }
}
