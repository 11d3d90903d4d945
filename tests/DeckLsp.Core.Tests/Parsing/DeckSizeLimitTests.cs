using DeckLsp.Core.Diagnostics;
using DeckLsp.Core.Documents;
using DeckLsp.Core.Text;

namespace DeckLsp.Core.Tests.Parsing;

/// <summary>A deck over <see cref="DeckLimits.MaxDeckLength"/> is kept as text but not read: one DECK017 says so.</summary>
public class DeckSizeLimitTests
{
    private const string Cards = "Q: a\nA: b\n\nQ: lonely\n\n";

    private static string OfLength(int length) => Cards + new string('x', length - Cards.Length);

    [Fact]
    public void Deck_over_the_limit_has_one_diagnostic_and_no_cards()
    {
        var document = DeckDocument.Parse(OfLength(DeckLimits.MaxDeckLength + 1));

        var diagnostic = Assert.Single(document.Diagnostics);
        Assert.Equal(DiagnosticCodes.DeckTooLarge, diagnostic.Code);
        Assert.Equal(DeckSeverity.Error, diagnostic.Severity);
        Assert.Equal(new TextSpan(0, 4), diagnostic.Span);
        Assert.Contains("33,554,433", diagnostic.Message);
        Assert.Empty(document.Deck.Cards);
    }

    [Fact]
    public void Deck_at_the_limit_is_read()
    {
        var document = DeckDocument.Parse(OfLength(DeckLimits.MaxDeckLength));

        Assert.Equal(2, document.Deck.Cards.Count);
        Assert.Equal([DiagnosticCodes.QuestionWithoutAnswer], document.Diagnostics.Select(d => d.Code));
    }

    [Fact]
    public void Edits_crossing_the_limit_keep_the_text_and_equal_a_full_parse()
    {
        var document = DeckDocument.Parse(OfLength(DeckLimits.MaxDeckLength));

        var over = document.Apply(new TextChange(new TextSpan(Cards.Length, 0), "yy"));
        var back = over.Apply(new TextChange(new TextSpan(Cards.Length, 2), ""));

        Assert.Equal(DeckLimits.MaxDeckLength + 2, over.Text.Length);
        Assert.Equal(DiagnosticCodes.DeckTooLarge, Assert.Single(over.Diagnostics).Code);
        Assert.True(over.IsEquivalentTo(DeckDocument.Parse(over.Text)));
        Assert.Equal(document.Text, back.Text);
        Assert.True(back.IsEquivalentTo(document));
        Assert.Equal(2, back.Deck.Cards.Count);
    }
}
