using DeckLsp.Core.Documents;
using DeckLsp.Core.Interop;
using DeckLsp.Core.Model;
using static DeckLsp.Core.Tests.Interop.InteropCheck;

namespace DeckLsp.Core.Tests.Interop;

/// <summary>Anki's text export: its headers, notetypes, subdecks, tags and GUIDs, and the export that reads back the same.</summary>
public sealed class AnkiTextFormatTests
{
    private const string Export = """"
        #separator:tab
        #html:true
        #guid column:1
        #notetype column:2
        #deck column:3
        #tags column:6
        a1	Basic	Bio::Cells	What is a <b>cell</b>?	The unit of life	bio exam
        a2	Cloze	Bio::Cells::Parts	The {{c1::nucleus::control}} holds {{c2::DNA}}		bio
        a3	Basic	Bio	Top level?	Yes	bio exam
        b<4	Basic (and reversed card)	Bio	"Two
        lines"	"x, ""y"""	bio

        """";

    [Fact]
    public void Notes_become_cards_under_their_subdecks()
    {
        var deck = Imported(AnkiTextFormat.Import(Export, "fallback"));
        var document = WriteAndParse(deck);

        Assert.Equal("Bio", document.Deck.Title);
        Assert.Equal(["bio"], document.Deck.Tags);
        Assert.Equal(
            [
                new ReadCard(CardKind.Basic, "Top level?", "Yes", "a3"),
                new ReadCard(CardKind.Reversible, "Two lines", "x, \"y\"", "anki-623c34"),
                new ReadCard(CardKind.Basic, "What is a **cell**?", "The unit of life", "a1"),
                new ReadCard(CardKind.Cloze, "The {{nucleus::control}} holds {{DNA}}", null, "a2"),
            ],
            Cards(document));
        Assert.Equal([("Cells", 1), ("Parts", 2)], document.Deck.Sections.Select(s => (s.Title, s.Level)));
        // Tags every note has are the deck's; the others stay on their cards.
        Assert.Equal([["exam"], [], ["exam"], []], document.Deck.Cards.Select(c => c.Tags.ToArray()));
        Assert.DoesNotContain(deck.Notes, n => n.Contains("Tags", StringComparison.Ordinal));
    }

    [Fact]
    public void Anki_tags_that_are_not_card_tags_are_left_out_with_a_note_naming_them()
    {
        var deck = Imported(AnkiTextFormat.Import("#separator:tab\n#html:false\n#tags column:3\nq1\ta1\tok we&rd\nq2\ta2\tok\n", "x"));

        Assert.Equal(["ok"], deck.Tags);
        Assert.All(deck.Cards, c => Assert.Empty(c.Tags));
        Assert.Contains(deck.Notes, n => n.Contains("we&rd", StringComparison.Ordinal));
    }

    [Fact]
    public void Fields_exported_without_html_keep_their_characters()
    {
        var deck = Imported(AnkiTextFormat.Import("#separator:comma\n#html:false\n<b>literal</b>,\"two\nlines\"\n", "plain"));

        Assert.Equal(new ReadCard(CardKind.Basic, "\\<b>literal\\</b>", "two\\\nlines"), Cards(WriteAndParse(deck))[0]);
        Assert.Equal("plain", deck.Title);
    }

    [Fact]
    public void An_unknown_separator_is_reported()
    {
        Assert.Equal("line 1: unknown separator \"tabs\" (Anki writes tab, comma, semicolon, space, pipe or colon)",
            AnkiTextFormat.Import("#separator:tabs\na\tb\n", "x").Problem);
    }

    [Fact]
    public void A_broken_quote_names_its_line_in_the_file()
    {
        Assert.Equal("line 3: a quoted field is never closed (a `\"` opens it and no `\"` ends it)",
            AnkiTextFormat.Import("#separator:tab\n#html:true\n\"open\tb\n", "x").Problem);
    }

    [Fact]
    public void Deck_exported_and_imported_again_has_the_same_cards_sections_and_ids()
    {
        var original = DeckDocument.Parse(File.ReadAllText(Sample("rnn.deck.md")) + "\n# More\n\nQ: Kept id <!-- id: kept --> <!-- tags: exam, lang::de -->\n\nA: *yes*\n\nC: a {{b::hint}} c\n\nR: der Hund <!-- id: hund -->\nA: the dog\n");

        var (text, notes) = AnkiTextFormat.Export([new AnkiTextFormat.Source(original, null)]);
        var back = WriteAndParse(Imported(AnkiTextFormat.Import(text, "x")));

        Assert.Empty(notes);
        Assert.Contains("\tBasic (and reversed card)\t", text, StringComparison.Ordinal);
        Assert.Equal(Cards(original), Cards(back));
        Assert.Equal(original.Deck.Title, back.Deck.Title);
        Assert.Equal(original.Deck.Tags, back.Deck.Tags);
        Assert.Equal(original.Deck.Cards.Select(c => string.Join(",", c.Tags)), back.Deck.Cards.Select(c => string.Join(",", c.Tags)));
    }

    [Theory]
    [InlineData("Q: Loose list\n\nA:\n- one\n\n- two\n")]
    [InlineData("Q: plain \\<!-- note -->\n\nA: b\n")]
    [InlineData("Q: Display math\n\nA: before $$x^2$$ after\n")]
    public void A_card_goes_to_anki_text_and_back_unchanged(string deck)
    {
        var original = DeckDocument.Parse(deck);

        var (text, _) = AnkiTextFormat.Export([new AnkiTextFormat.Source(original, null)]);
        var back = WriteAndParse(Imported(AnkiTextFormat.Import(text, "x")));

        Assert.Equal(Cards(original), Cards(back));
    }

    [Fact]
    public void Media_are_named_as_Anki_finds_them_and_sounds_as_Anki_plays_them()
    {
        var deck = DeckDocument.Parse("Q: Which cat? ![cat](cats.media/my%20cat.png)\n\nA: It says [meow.mp3](cats.media/meow.mp3), see [site](https://x.org/a.mp3)\n", "cats.deck.md");

        var (text, notes) = AnkiTextFormat.Export([new AnkiTextFormat.Source(deck, null)]);

        Assert.Contains("<img src=\"\"my cat.png\"\" alt=\"\"cat\"\" />", text, StringComparison.Ordinal);
        Assert.Contains("It says [sound:meow.mp3], see <a href=\"\"https://x.org/a.mp3\"\">site</a>", text, StringComparison.Ordinal);
        Assert.Contains(notes, n => n.Contains("2 media files", StringComparison.Ordinal) && n.Contains("collection.media", StringComparison.Ordinal));
    }
}
