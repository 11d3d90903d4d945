using DeckLsp.Core.Documents;
using DeckLsp.Core.Interop;
using static DeckLsp.Core.Tests.Interop.InteropCheck;

namespace DeckLsp.Core.Tests.Interop;

/// <summary>Anki's numbered cloze deletions and ours, which are reviewed one by one.</summary>
public sealed class AnkiClozeTests
{
    [Theory]
    [InlineData("{{c1::a}} and {{c2::b::hint}}", "{{a}} and {{b::hint}}", new[] { 1, 2 })]
    [InlineData("{{c2::<b>x</b>}} then {{c1::y}} and {{c2::z}}", "{{**x**}} then {{y}} and {{z}}", new[] { 2, 1, 2 })]
    [InlineData("{{c1::2*3}} = 6", "{{2\\*3}} = 6", new[] { 1 })]
    public void Anki_deletions_become_ours_with_their_numbers(string field, string text, int[] numbers)
    {
        var converted = AnkiCloze.ToDeck(field);

        Assert.Equal(text, converted.Markdown);
        Assert.Equal(numbers, converted.Numbers);
        Assert.False(converted.Flattened);
    }

    [Fact]
    public void A_deletion_inside_another_becomes_its_text()
    {
        var converted = AnkiCloze.ToDeck("{{c1::a {{c2::b::hint}} c}}");

        Assert.Equal("{{a b c}}", converted.Markdown);
        Assert.Equal([1], converted.Numbers);
        Assert.True(converted.Flattened);
    }

    [Fact]
    public void Our_deletions_are_numbered_in_order_for_anki()
    {
        var document = DeckDocument.Parse("C: {{LSTMs::which units?}} add *three* {{gates}}.\n");
        var card = document.Deck.Cards[0];
        var text = document.Text.Substring(card.Question.Start, card.Question.Length);

        Assert.Equal("{{c1::LSTMs::which units?}} add <em>three</em> {{c2::gates}}.", AnkiCloze.ToAnki(text, card.Deletions, card.Question.Start));
    }

    [Theory]
    [InlineData("Braces {x} and {{c1::y}} and }} stray")]
    [InlineData("{{{c1::x}} and {{ open")]
    [InlineData("<code>}}</code> {{c1::x}}")]
    public void Braces_outside_the_deletions_are_escaped_so_the_card_checks_clean(string field)
    {
        var converted = AnkiCloze.ToDeck(field);

        var document = WriteAndParse(new ImportedDeck("t", [new ImportedCard(Model.CardKind.Cloze, converted.Markdown, null)]));
        Assert.Single(document.Deck.Cards[0].Deletions);
    }
}
