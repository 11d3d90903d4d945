using DeckLsp.Core.Interop;
using DeckLsp.Core.Model;
using static DeckLsp.Core.Tests.Interop.InteropCheck;

namespace DeckLsp.Core.Tests.Interop;

/// <summary>Quizlet and spreadsheet tables: header detection, column choice, quoting.</summary>
public sealed class DelimitedImportTests
{
    public static TheoryData<string, char, (string Q, string A)[]> Tables => new()
    {
        { "chat\tcat\nchien\tdog\n", '\t', [("chat", "cat"), ("chien", "dog")] },
        { "Term\tDefinition\nchat\tcat\n", '\t', [("chat", "cat")] },
        { "definition,term\ncat,chat\n", ',', [("chat", "cat")] },
        { "Front,Back,Notes\nq,a,ignored\n", ',', [("q", "a")] },
        { "\"two\nlines\",\"with, comma\"\n", ',', [("two\\\nlines", "with, comma")] },
        { "5\" screen,TV\n", ',', [("5\" screen", "TV")] },
        { "\"say \"\"hi\"\"\",greeting\r\n", ',', [("say \"hi\"", "greeting")] },
        { "q\ta\n\n\nq2\ta2", '\t', [("q", "a"), ("q2", "a2")] },
        // Quizlet writes a definition's line breaks as they are: a line without a tab continues the row before it.
        { "one\tfirst line\nsecond line\ntwo\tb\n", '\t', [("one", "first line\\\nsecond line"), ("two", "b")] },
    };

    [Theory]
    [MemberData(nameof(Tables))]
    public void Rows_become_question_and_answer_cards(string text, char separator, (string Q, string A)[] expected)
    {
        var cards = Cards(WriteAndParse(Imported(DelimitedFormat.Import(text, separator, "table"))));

        Assert.Equal(expected, cards.Select(c => (c.Question, c.Answer!)).ToArray());
    }

    [Fact]
    public void An_id_column_gives_valid_unique_ids()
    {
        var deck = Imported(DelimitedFormat.Import("id,question,answer\nx-1,q1,a1\nbad id,q2,a2\nx-1,q3,a3\n", ',', "t"));

        Assert.Equal(["x-1", null, null], deck.Cards.Select(c => c.Id));
    }

    [Fact]
    public void Rows_without_an_answer_are_skipped_and_reported()
    {
        var deck = Imported(DelimitedFormat.Import("q\ta\nlonely\t\n", '\t', "t"));

        Assert.Single(deck.Cards);
        Assert.Equal(["1 row without both a question and an answer was skipped (line 2)."], deck.Notes);
    }

    [Fact]
    public void The_title_is_the_one_given()
    {
        Assert.Equal("french", Imported(DelimitedFormat.Import("a\tb\n", '\t', "french")).Title);
    }

    [Theory]
    [InlineData("a\tb\n", ImportFormat.Tsv)]
    [InlineData("a,b\n", ImportFormat.Csv)]
    [InlineData("plain words\n", ImportFormat.Tsv)]
    [InlineData("#separator:tab\n#html:false\na\tb\n", ImportFormat.AnkiText)]
    public void Text_formats_are_told_apart_by_content(string text, ImportFormat format)
    {
        Assert.Equal(format, ImportFormats.DetectText(text, ".txt"));
    }

    [Fact]
    public void Imported_cards_are_basic()
    {
        Assert.All(Imported(DelimitedFormat.Import("a\tb\n", '\t', "t")).Cards, c => Assert.Equal(CardKind.Basic, c.Kind));
    }

    [Theory]
    [InlineData("Text,Back Extra,Tags\n\"The {{c1::nucleus}} holds {{c2::DNA}}\",Since 1831,bio\n\"{{c1::Paris}}\",,bio\n", "Since 1831")]
    [InlineData("Text,Tags\n\"The {{c1::nucleus}} holds {{c2::DNA}}\",bio\n\"{{c1::Paris}}\",bio\n", null)]
    public void Anki_cloze_notes_exported_as_csv_become_cloze_cards(string csv, string? extra)
    {
        var deck = Imported(DelimitedFormat.Import(csv, ',', "cells"));

        var cards = Cards(WriteAndParse(deck));
        Assert.Equal([new ReadCard(CardKind.Cloze, "The {{nucleus}} holds {{DNA}}", extra), new ReadCard(CardKind.Cloze, "{{Paris}}", null)], cards);
        Assert.Equal(["bio"], deck.Tags);
    }
}
