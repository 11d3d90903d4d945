using DeckLsp.Core.Diagnostics;
using DeckLsp.Core.Model;

namespace DeckLsp.Core.Documents;

/// <summary>The deck model and diagnostics of one snapshot, computed once from its segments.</summary>
internal sealed record DeckAnalysis(Deck Deck, IReadOnlyList<DeckDiagnostic> Diagnostics, DuplicateIndex Duplicates)
{
    public static DeckAnalysis Run(string text, string fileName, SegmentContent[] contents, int[] starts, DuplicateIndex duplicates)
    {
        var (deck, problems) = new DeckBuilder(text, fileName).Build(contents, starts);

        // The deck-wide checks walk every card; the counts say when there is nothing for them to find (most keystrokes).
        if (duplicates.RepeatedQuestions > 0 || duplicates.ReverseSuspects > 0)
        {
            var questions = contents.SelectMany(c => c.NormalizedQuestions).ToList();
            CardChecks.ReportDuplicateQuestions(deck.Cards, questions, problems);
            if (duplicates.ReverseSuspects > 0)
            {
                CardChecks.ReportReverseDuplicates(deck.Cards, questions,
                    contents.SelectMany(c => c.NormalizedReverseAnswers).ToList(), problems);
            }
        }

        if (duplicates.RepeatedIds > 0)
        {
            CardChecks.ReportDuplicateIds(deck.Cards, problems);
        }

        problems.Sort((a, b) => a.Span.Start != b.Span.Start
            ? a.Span.Start.CompareTo(b.Span.Start)
            : string.CompareOrdinal(a.Code, b.Code));
        return new DeckAnalysis(deck, problems, duplicates);
    }
}
