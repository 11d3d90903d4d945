using DeckLsp.Core.Diagnostics;
using DeckLsp.Core.Documents;

namespace DeckLsp.Core.Tests;

/// <summary>The one helper of the data-driven tests: a deck in, its diagnostics as "CODE line:char-line:char" out.</summary>
public static class DeckCheck
{
    /// <summary>Files that exist for DECK015's purposes.</summary>
    public static readonly HashSet<string> ExistingFiles = ["images/diagram.png", "notes.md", "my file.md"];

    public static IReadOnlyList<DeckDiagnostic> All(DeckDocument document) =>
        document.Diagnostics.Concat(LinkCheck.Run(document.Deck, ExistingFiles.Contains)).ToList();

    public static string Format(DeckDocument document, DeckDiagnostic diagnostic)
    {
        var range = document.Lines.GetRange(diagnostic.Span);
        return $"{diagnostic.Code} {range.Start.Line}:{range.Start.Character}-{range.End.Line}:{range.End.Character}";
    }

    public static void Expect(string deck, params string[] expected)
    {
        var document = DeckDocument.Parse(deck);
        var actual = All(document).Select(d => Format(document, d)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected.Order(StringComparer.Ordinal).ToList(), actual);
    }
}
