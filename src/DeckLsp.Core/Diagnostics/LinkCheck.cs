using DeckLsp.Core.Model;

namespace DeckLsp.Core.Diagnostics;

/// <summary>DECK015: links and images whose relative target is missing. The caller says what exists, so the core does no I/O.</summary>
public static class LinkCheck
{
    public static IReadOnlyList<DeckDiagnostic> Run(Deck deck, Func<string, bool> exists)
    {
        var problems = new List<DeckDiagnostic>();
        foreach (var link in deck.Links)
        {
            if (!exists(link.Path))
            {
                problems.Add(new DeckDiagnostic(DiagnosticCodes.MissingLinkTarget, DeckSeverity.Warning,
                    $"The {(link.IsImage ? "image" : "link")} target `{link.Path}` does not exist next to this deck.", link.Span));
            }
        }

        return problems;
    }
}
