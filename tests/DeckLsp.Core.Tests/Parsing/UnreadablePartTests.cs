using DeckLsp.Core.Diagnostics;
using DeckLsp.Core.Documents;
using DeckLsp.Core.Text;

namespace DeckLsp.Core.Tests.Parsing;

/// <summary>
/// Markdig throws past its nesting limit (128 blocks). Parsing never fails: the part that made it throw is DECK016 and
/// has no cards, and the rest of the deck keeps its cards, whether parsed whole or edited into.
/// </summary>
public class UnreadablePartTests
{
    private const string Before = "Q: a\nA: b\n\n";
    private const string After = "\n\nQ: c\nA: d\n";

    public static TheoryData<string, string> TooDeep => new()
    {
        { "200 block quotes on a line", new string('>', 200) + " x" },
        { "200 nested list items on a line", string.Concat(Enumerable.Repeat("- ", 200)) + "x" },
        { "block quotes nested over 200 lines", string.Join("\n", Enumerable.Range(1, 200).Select(n => new string('>', n) + " x")) },
    };

    [Theory]
    [MemberData(nameof(TooDeep))]
    public void Part_nested_too_deep_is_DECK016_and_the_cards_around_it_stay(string name, string part)
    {
        var document = DeckDocument.Parse(Before + part + After);

        var unreadable = Assert.Single(document.Diagnostics, d => d.Code == DiagnosticCodes.UnreadablePart);
        Assert.Equal(DeckSeverity.Error, unreadable.Severity);
        Assert.InRange(unreadable.Span.Start, Before.Length, Before.Length + part.Length);
        Assert.Equal(["a", "c"], document.Deck.Cards.Select(c => c.Title));
        Assert.NotNull(name);
    }

    [Fact]
    public void Diagnostic_covers_the_line_that_nests_too_deep_and_names_the_limit()
    {
        var line = new string('>', 200) + " x";

        var document = DeckDocument.Parse(Before + line + After);

        var unreadable = Assert.Single(document.Diagnostics, d => d.Code == DiagnosticCodes.UnreadablePart);
        Assert.Equal(new TextSpan(Before.Length, line.Length), unreadable.Span);
        Assert.Contains("nested too deep", unreadable.Message);
    }

    [Fact]
    public void Typing_the_part_in_and_deleting_it_again_equals_a_full_parse_each_time()
    {
        var line = new string('>', 200) + " x";
        var document = DeckDocument.Parse(Before + After);

        var typed = document.Apply(new TextChange(new TextSpan(Before.Length, 0), line));
        var deleted = typed.Apply(new TextChange(new TextSpan(Before.Length, line.Length), ""));

        Assert.Equal(Before + line + After, typed.Text);
        Assert.True(typed.IsEquivalentTo(DeckDocument.Parse(typed.Text)));
        Assert.Contains(typed.Diagnostics, d => d.Code == DiagnosticCodes.UnreadablePart);
        Assert.True(deleted.IsEquivalentTo(DeckDocument.Parse(deleted.Text)));
        Assert.DoesNotContain(deleted.Diagnostics, d => d.Code == DiagnosticCodes.UnreadablePart);
    }
}
