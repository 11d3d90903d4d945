using DeckLsp.Core.Diagnostics;
using DeckLsp.Core.Model;
using DeckLsp.Core.Parsing;
using DeckLsp.Core.Text;

namespace DeckLsp.Core.Documents;

/// <summary>The deck model and diagnostics of one snapshot, computed once from its segments.</summary>
internal sealed record DeckAnalysis(Deck Deck, IReadOnlyList<DeckDiagnostic> Diagnostics)
{
    public static DeckAnalysis Run(DeckDocument document)
    {
        var text = document.Text;
        var (deck, problems, facts) = new DeckBuilder(text, document.FileName).Build(document.Segments());
        var ids = new List<(TextSpan, string)>();
        var code = new List<TextSpan>();
        var links = new List<LinkTarget>();
        foreach (var (start, fact) in facts)
        {
            var span = fact.Span.Shift(start);
            switch (fact.Kind)
            {
                case FactKind.Id:
                    ids.Add((span, fact.Text));
                    break;
                case FactKind.Code:
                    code.Add(span);
                    break;
                case FactKind.Link:
                    links.Add(new LinkTarget(fact.Text, span, fact.Flag));
                    break;
                case FactKind.LookAlike:
                    var written = text.Substring(span.Start, span.Length);
                    problems.Add(new DeckDiagnostic(DiagnosticCodes.LookAlikeMarker, DeckSeverity.Warning,
                        $"`{written}` looks like a marker but is not one: write `{Markers.Canonical(fact.Marker)}` (upper case, colon right after) at the start of the line.",
                        span));
                    break;
                case FactKind.NestedMarker:
                    problems.Add(new DeckDiagnostic(DiagnosticCodes.NestedMarker, DeckSeverity.Warning,
                        $"`{Markers.Canonical(fact.Marker)}` inside {fact.Text} is not a card: cards start at the top level of the deck.",
                        span));
                    break;
            }
        }

        ids.Sort((a, b) => a.Item1.Start.CompareTo(b.Item1.Start));
        code.Sort((a, b) => a.Start.CompareTo(b.Start));
        var cards = new CardChecks(text, problems).Run(deck.Cards, ids, code);
        problems.Sort((a, b) => a.Span.Start != b.Span.Start
            ? a.Span.Start.CompareTo(b.Span.Start)
            : string.CompareOrdinal(a.Code, b.Code));
        return new DeckAnalysis(deck with { Cards = cards, Links = links }, problems);
    }
}
