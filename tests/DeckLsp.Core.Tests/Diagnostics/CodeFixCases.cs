using DeckLsp.Core.Diagnostics;
using DeckLsp.Core.Documents;

namespace DeckLsp.Core.Tests.Diagnostics;

/// <summary>Each quick fix: the deck before, the deck after applying it, and the diagnostic gone.</summary>
public class CodeFixCases
{
    public static TheoryData<string, string, string> Cases => new()
    {
        { "DECK001", "Q: lonely\n", "Q: lonely\n\nA: \n" },
        { "DECK001", "Q: one\n\nQ: two\nA: 2\n", "Q: one\n\nA: \n\nQ: two\nA: 2\n" },
        { "DECK002", "A: orphan\n", "Q: \n\nA: orphan\n" },
        { "DECK007", "q: a\n\nA: b\n", "Q: a\n\nA: b\n" },
        { "DECK007", "**Q:** a\n\nA: b\n", "Q: a\n\nA: b\n" },
        { "DECK007", "Q：a\n\nA: b\n", "Q:a\n\nA: b\n" },
        { "DECK007", "Q\n\nWhat?\n\nA: b\n", "Q:\n\nWhat?\n\nA: b\n" },
        { "DECK008", "- Q: a\n- A: b\n", "Q: a\nA: b\n" },
        { "DECK008", "Intro:\n> Q: a\n> A: b\n", "Intro:\n\nQ: a\nA: b\n" },
        { "DECK008", "- Q: a\n  still a\n- A: b\n- other item\n", "Q: a\n  still a\nA: b\n\n- other item\n" },
        { "DECK009", "Q: What is X? <!-- id: x -->\nA: 1\n\nQ: Why Y? <!-- id: x -->\nA: 2\n", "Q: What is X? <!-- id: x -->\nA: 1\n\nQ: Why Y? <!-- id: why-y -->\nA: 2\n" },
        { "DECK010", "Q: Why Y? <!-- id: bad id -->\nA: 2\n", "Q: Why Y? <!-- id: why-y -->\nA: 2\n" },
        { "DECK007", "R : a\n\nA: b\n", "R: a\n\nA: b\n" },
        { "DECK022", "R: der Hund\nA: the dog\n\nQ: the dog\nA: der Hund\n", "Q: der Hund\nA: the dog\n\nQ: the dog\nA: der Hund\n" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Quick_fix_repairs_the_deck(string code, string before, string after)
    {
        var document = DeckDocument.Parse(before);
        var diagnostic = document.Diagnostics.First(d => d.Code == code);
        var fix = Assert.Single(CodeFixes.For(document, diagnostic));

        var fixedText = Apply(before, fix);

        Assert.Equal(after, fixedText);
        Assert.DoesNotContain(DeckDocument.Parse(fixedText).Diagnostics, d => d.Code == code && d.Span.Start == diagnostic.Span.Start);
    }

    [Fact]
    public void Marker_in_a_table_gets_no_move_fix()
    {
        var document = DeckDocument.Parse("| Q: a | b |\n|---|---|\n| 1 | 2 |\n");
        var diagnostic = Assert.Single(document.Diagnostics);
        Assert.Empty(CodeFixes.For(document, diagnostic));
    }

    private static string Apply(string text, CodeFix fix)
    {
        foreach (var edit in fix.Edits.OrderByDescending(e => e.Span.Start))
        {
            text = edit.ApplyTo(text);
        }

        return text;
    }
}
