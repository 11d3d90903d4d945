using DeckLsp.Core.Documents;
using DeckLsp.Core.Interop;
using DeckLsp.Core.Model;
using static DeckLsp.Core.Tests.Interop.InteropCheck;

namespace DeckLsp.Core.Tests.Interop;

/// <summary>The numbered Q/A plain-text export: the seed file must become the sample deck, card by card.</summary>
public sealed class TextExportImportTests
{
    [Fact]
    public void Seed_export_imports_as_the_nine_cards_of_the_rnn_sample()
    {
        var seed = File.ReadAllText(Fixture("000_c95b0af93d31da7a.txt"));
        var sample = DeckDocument.Parse(File.ReadAllText(Sample("rnn.deck.md")), "rnn.deck.md");

        var imported = WriteAndParse(Imported(ImportFormats.ImportText(seed, ImportFormats.DetectText(seed, ".txt"), "seed")));

        Assert.Equal(9, imported.Deck.Cards.Count);
        Assert.Equal(sample.Deck.Title, imported.Deck.Title);
        var expected = Cards(sample);
        var actual = Cards(imported);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i], actual[i]);
        }
    }

    [Fact]
    public void Seed_export_is_detected_as_the_text_export_format()
    {
        var seed = File.ReadAllText(Fixture("000_c95b0af93d31da7a.txt"));

        Assert.Equal(ImportFormat.TextExport, ImportFormats.DetectText(seed, ".txt"));
    }

    [Theory]
    [InlineData("Deck\n\n1\nQ\nOnly a question\n", "line 3: card 1 has a question but no `A` line")]
    [InlineData("Deck\n\nsome prose\n", "line 3: expected a card number followed by a `Q` line, found \"some prose\"")]
    [InlineData("   \n\n", "there is no text in it")]
    public void Broken_text_export_names_the_line_and_the_problem(string text, string problem)
    {
        Assert.Equal(problem, TextExportFormat.Import(text).Problem);
    }

    [Fact]
    public void Multi_paragraph_answers_keep_their_paragraphs_and_line_breaks()
    {
        var text = "T\n1\nQ\nWhat?\nA\nFirst line\nsecond line\n\nAnother paragraph\nHow well did you know this?\n1\nNot at all\n2\n3\n4\n5\nPerfectly\n";

        var card = Cards(WriteAndParse(Imported(TextExportFormat.Import(text))))[0];

        Assert.Equal(new ReadCard(CardKind.Basic, "What?", "First line\\\nsecond line\n\nAnother paragraph"), card);
    }
}
