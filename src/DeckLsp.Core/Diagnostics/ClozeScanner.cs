using DeckLsp.Core.Model;
using DeckLsp.Core.Text;

namespace DeckLsp.Core.Diagnostics;

/// <summary>Finds <c>{{text}}</c> and <c>{{text::hint}}</c> deletions in a cloze card, outside code and math.</summary>
internal static class ClozeScanner
{
    public static IReadOnlyList<ClozeDeletion> Scan(string text, TextSpan within, IReadOnlyList<TextSpan> code, int firstCode,
        List<DeckDiagnostic> problems, TextSpan marker)
    {
        var deletions = new List<ClozeDeletion>();
        var open = -1;
        var unbalanced = false;
        var codeIndex = firstCode;
        var i = within.Start;
        while (i < within.End - 1)
        {
            while (codeIndex < code.Count && code[codeIndex].End <= i)
            {
                codeIndex++;
            }

            if (codeIndex < code.Count && code[codeIndex].Contains(i))
            {
                i = code[codeIndex].End;
                continue;
            }

            if (text[i] == '{' && text[i + 1] == '{')
            {
                if (open >= 0)
                {
                    unbalanced = true;
                    problems.Add(Unbalanced("This `{{` opens a deletion inside another one: close the first with `}}`.", open));
                }

                open = i;
                i += 2;
            }
            else if (text[i] == '}' && text[i + 1] == '}')
            {
                if (open < 0)
                {
                    unbalanced = true;
                    problems.Add(Unbalanced("This `}}` closes no deletion: open one with `{{`.", i));
                }
                else
                {
                    var deletion = Deletion(text, deletions.Count + 1, TextSpan.FromBounds(open, i + 2));
                    if (deletion.Text.Length == 0)
                    {
                        problems.Add(new DeckDiagnostic(DiagnosticCodes.EmptyDeletion, DeckSeverity.Error,
                            "This deletion hides nothing: write the hidden text between `{{` and `}}` (a hint goes after it, `{{text::hint}}`).",
                            deletion.Span));
                    }

                    deletions.Add(deletion);
                    open = -1;
                }

                i += 2;
            }
            else
            {
                i++;
            }
        }

        if (open >= 0)
        {
            problems.Add(Unbalanced("This `{{` is never closed: end the deletion with `}}`.", open));
        }
        else if (deletions.Count == 0 && !unbalanced)
        {
            problems.Add(new DeckDiagnostic(DiagnosticCodes.ClozeWithoutDeletion, DeckSeverity.Error,
                "This cloze card has no deletion: mark the hidden text as `{{text}}` or `{{text::hint}}`.", marker));
        }

        return deletions;
    }

    private static ClozeDeletion Deletion(string text, int index, TextSpan span)
    {
        var inner = text.Substring(span.Start + 2, span.Length - 4);
        var separator = inner.IndexOf("::", StringComparison.Ordinal);
        return separator < 0
            ? new ClozeDeletion(index, span, inner.Trim(), null)
            : new ClozeDeletion(index, span, inner[..separator].Trim(), inner[(separator + 2)..].Trim());
    }

    private static DeckDiagnostic Unbalanced(string message, int at) =>
        new(DiagnosticCodes.UnbalancedCloze, DeckSeverity.Error, message, new TextSpan(at, 2));
}
