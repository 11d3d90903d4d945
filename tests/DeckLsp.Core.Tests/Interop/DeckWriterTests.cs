using DeckLsp.Core.Documents;
using DeckLsp.Core.Interop;
using DeckLsp.Core.Model;
using static DeckLsp.Core.Tests.Interop.InteropCheck;

namespace DeckLsp.Core.Tests.Interop;

/// <summary>Writing imported decks: front matter that reads back, headings for sections, ids where the parser finds them.</summary>
public sealed class DeckWriterTests
{
    [Theory]
    [InlineData("RNN MLM Flashcards")]
    [InlineData("C#: the basics")]
    [InlineData("yes")]
    [InlineData("1984")]
    [InlineData("Title with \"quotes\" and \\")]
    [InlineData("- dash")]
    [InlineData("#hash")]
    [InlineData("Spanish: día 1")]
    public void Any_title_reads_back_as_written(string title)
    {
        var document = WriteAndParse(new ImportedDeck(title, [new ImportedCard(CardKind.Basic, "q", "a")]) { Tags = ["a tag", "x::y", "true"], Id = "deck-1" });

        Assert.Equal(title, document.Deck.Title);
        Assert.Equal(["a tag", "x::y", "true"], document.Deck.Tags);
        Assert.Equal("deck-1", document.Deck.Id);
    }

    [Fact]
    public void Ids_are_found_on_every_kind_of_side()
    {
        var deck = new ImportedDeck("Ids",
        [
            new ImportedCard(CardKind.Basic, "plain", "a") { Id = "one" },
            new ImportedCard(CardKind.Basic, "line\\\nbreak", "a") { Id = "two" },
            new ImportedCard(CardKind.Basic, "\n- a list", "a") { Id = "three" },
            new ImportedCard(CardKind.Cloze, "a {{b}}", null) { Id = "four" },
        ]);

        Assert.Equal(["one", "two", "three", "four"], Cards(WriteAndParse(deck)).Select(c => c.Id));
    }

    [Fact]
    public void Sections_become_nested_headings_and_return_to_outer_levels()
    {
        var deck = new ImportedDeck("S",
        [
            new ImportedCard(CardKind.Basic, "root", "a"),
            new ImportedCard(CardKind.Basic, "in A", "a") { Section = ["A"] },
            new ImportedCard(CardKind.Basic, "in A/B", "a") { Section = ["A", "B"] },
            new ImportedCard(CardKind.Basic, "in A again", "a") { Section = ["A"] },
        ]);

        var document = WriteAndParse(deck);

        Assert.Equal([-1, 0, 1, 2], document.Deck.Cards.Select(c => c.SectionIndex));
        Assert.Equal([("A", 1, -1), ("B", 2, 0), ("A", 1, -1)], document.Deck.Sections.Select(s => (s.Title, s.Level, s.ParentIndex)));
    }

    [Fact]
    public void The_seed_import_writes_the_sample_layout()
    {
        var seed = File.ReadAllText(Fixture("000_c95b0af93d31da7a.txt"));

        var text = DeckWriter.Write(Imported(TextExportFormat.Import(seed)));

        var sample = File.ReadAllText(Sample("rnn.deck.md")).ReplaceLineEndings("\n");
        Assert.Equal(sample.Replace("tags: [rnn, deep-learning]\n", ""), text);
        Assert.Empty(DeckDocument.Parse(text).Diagnostics);
    }
}
