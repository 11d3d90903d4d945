using DeckLsp.Core.Diagnostics;
using DeckLsp.Core.Documents;

namespace DeckLsp.Core.Tests.Diagnostics;

/// <summary>DECK006's related information: enough to find the copies, and never one entry per pair of them.</summary>
public class DuplicateQuestionTests
{
    [Fact]
    public void Each_copy_of_a_question_repeated_1000_times_points_at_the_first_and_a_handful_of_others()
    {
        var document = DeckDocument.Parse(string.Concat(Enumerable.Repeat("Q: same\nA: x\n\n", 1000)));
        var first = document.Deck.Cards[0].Question;

        var duplicates = document.Diagnostics.Where(d => d.Code == DiagnosticCodes.DuplicateQuestion).ToList();

        Assert.Equal(1000, duplicates.Count);
        Assert.All(duplicates, d =>
        {
            Assert.InRange(d.Related.Count, 1, 5);
            Assert.Contains("1000 times", d.Message);
            Assert.DoesNotContain(d.Related, r => r.Span == d.Span);
        });
        Assert.All(duplicates.Skip(1), d => Assert.Equal(first, d.Related[0].Span));
    }

    [Fact]
    public void Two_copies_point_at_each_other()
    {
        var document = DeckDocument.Parse("Q: What is X?\nA: 1\n\nQ: what  is **x**?\nA: 2\n");
        var (one, two) = (document.Deck.Cards[0].Question, document.Deck.Cards[1].Question);

        var duplicates = document.Diagnostics.Where(d => d.Code == DiagnosticCodes.DuplicateQuestion).ToList();

        Assert.Equal([two], duplicates[0].Related.Select(r => r.Span));
        Assert.Equal([one], duplicates[1].Related.Select(r => r.Span));
        Assert.Equal("The same question appears 2 times in this deck.", duplicates[0].Message);
    }
}
