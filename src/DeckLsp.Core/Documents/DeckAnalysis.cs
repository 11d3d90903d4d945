using DeckLsp.Core.Diagnostics;
using DeckLsp.Core.Model;

namespace DeckLsp.Core.Documents;

/// <summary>The deck model and diagnostics of one snapshot, computed once from its segments.</summary>
internal sealed record DeckAnalysis(Deck Deck, IReadOnlyList<DeckDiagnostic> Diagnostics)
{
    public static DeckAnalysis Run(DeckDocument document)
    {
        var (deck, problems) = new DeckBuilder(document.Text, document.FileName).Build(document.SegmentContents());
        problems.Sort((a, b) => a.Span.Start != b.Span.Start
            ? a.Span.Start.CompareTo(b.Span.Start)
            : string.CompareOrdinal(a.Code, b.Code));
        return new DeckAnalysis(deck, problems);
    }
}
