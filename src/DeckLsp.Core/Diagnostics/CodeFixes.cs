using System.Text.RegularExpressions;
using DeckLsp.Core.Documents;
using DeckLsp.Core.Model;
using DeckLsp.Core.Parsing;
using DeckLsp.Core.Text;

namespace DeckLsp.Core.Diagnostics;

/// <summary>The quick fixes for a diagnostic: edits computed from the snapshot the diagnostic came from.</summary>
public static partial class CodeFixes
{
    public static IReadOnlyList<CodeFix> For(DeckDocument document, DeckDiagnostic diagnostic)
    {
        var fix = diagnostic.Code switch
        {
            DiagnosticCodes.QuestionWithoutAnswer => AddAnswer(document, diagnostic),
            DiagnosticCodes.AnswerWithoutQuestion => new CodeFix("Add a question (`Q:`) before this answer",
                [new TextChange(new TextSpan(LineStart(document.Text, diagnostic.Span.Start), 0), "Q: \n\n")]),
            DiagnosticCodes.LookAlikeMarker => ReplaceLookAlike(document, diagnostic),
            DiagnosticCodes.NestedMarker => MoveToTopLevel(document, diagnostic),
            DiagnosticCodes.DuplicateId or DiagnosticCodes.MalformedId => FreshId(document, diagnostic),
            DiagnosticCodes.ReverseDuplicate => MakeOneWay(document, diagnostic),
            _ => null,
        };
        return fix is null ? [] : [fix];
    }

    private static CodeFix? AddAnswer(DeckDocument document, DeckDiagnostic diagnostic)
    {
        var card = document.Deck.Cards.FirstOrDefault(c => c.Marker == diagnostic.Span);
        return card is null ? null : new CodeFix("Add an answer (`A:`)", [new TextChange(new TextSpan(card.Span.End, 0), "\n\nA: ")]);
    }

    private static CodeFix? MakeOneWay(DeckDocument document, DeckDiagnostic diagnostic)
    {
        var card = document.Deck.Cards.FirstOrDefault(c => c.Kind == CardKind.Reversible && c.Answer == diagnostic.Span);
        return card is null ? null : new CodeFix("Make the card one-way (`R:` → `Q:`)", [new TextChange(card.Marker, Markers.Canonical(MarkerKind.Question))]);
    }

    private static CodeFix? ReplaceLookAlike(DeckDocument document, DeckDiagnostic diagnostic)
    {
        var line = document.Text.AsSpan(diagnostic.Span.Start);
        var lineEnd = line.IndexOfAny('\r', '\n');
        var (kind, _) = Markers.LookAlike(lineEnd < 0 ? line : line[..lineEnd], firstLine: true);
        if (kind == MarkerKind.None)
        {
            return null;
        }

        var canonical = Markers.Canonical(kind);
        return new CodeFix($"Replace with `{canonical}`", [new TextChange(diagnostic.Span, canonical)]);
    }

    // "- Q: a\n- A: b" becomes "Q: a\nA: b": the container prefix goes from the marker's line and from the lines of the
    // same card that follow it, and blank lines keep the card apart from the list or quote around it.
    private static CodeFix? MoveToTopLevel(DeckDocument document, DeckDiagnostic diagnostic)
    {
        var text = document.Text;
        var lines = document.Lines;
        var first = lines.GetLine(diagnostic.Span.Start);
        var prefix = text[lines.LineStart(first)..diagnostic.Span.Start];
        if (!ContainerPrefix().IsMatch(prefix))
        {
            return null;
        }

        // One edit for the first line: an insertion and a deletion at one offset would leave their order to the client.
        var separate = first > 0 && !IsBlank(text, lines, first - 1);
        var edits = new List<TextChange> { new(new TextSpan(lines.LineStart(first), prefix.Length), separate ? "\n" : "") };
        var last = first;
        for (var line = first + 1; line < lines.LineCount && !IsBlank(text, lines, line); line++)
        {
            var start = lines.LineStart(line);
            var content = text[start..lines.LineEnd(line, text)];
            var match = ContainerPrefix().Match(content);
            if (match.Success)
            {
                // A quote line continues the card; a new list item does only when it holds the card's next marker.
                var quoteOnly = match.Value.All(c => c is '>' or ' ' or '\t');
                if (!quoteOnly && Markers.At(content.AsSpan(match.Length)) == MarkerKind.None)
                {
                    break;
                }

                edits.Add(new TextChange(new TextSpan(start, match.Length), ""));
            }

            last = line;
        }

        if (last + 1 < lines.LineCount && !IsBlank(text, lines, last + 1))
        {
            edits.Add(new TextChange(new TextSpan(lines.LineEnd(last, text), 0), "\n"));
        }

        return new CodeFix("Move the card out to the top level", edits);
    }

    private static CodeFix FreshId(DeckDocument document, DeckDiagnostic diagnostic)
    {
        var deck = document.Deck;
        var card = deck.Cards.FirstOrDefault(c => c.Span.Touches(diagnostic.Span.Start));
        var taken = deck.Cards.Where(c => c.Id is not null).Select(c => c.Id!).ToHashSet(StringComparer.Ordinal);
        var question = card is null ? "" : document.Text.Substring(card.Question.Start, card.Question.Length);
        var id = CardIds.Fresh(question, taken);
        return new CodeFix($"Use the fresh id `{id}`", [new TextChange(diagnostic.Span, id)]);
    }

    private static int LineStart(string text, int offset)
    {
        var index = text.AsSpan(0, offset).LastIndexOfAny('\r', '\n');
        return index + 1;
    }

    private static bool IsBlank(string text, LineMap lines, int line) =>
        string.IsNullOrWhiteSpace(text[lines.LineStart(line)..lines.LineEnd(line, text)]);

    [GeneratedRegex(@"^[ \t]*(?:(?:>[ \t]?|[-*+][ \t]+|\d{1,9}[.)][ \t]+)[ \t]*)+")]
    private static partial Regex ContainerPrefix();
}
