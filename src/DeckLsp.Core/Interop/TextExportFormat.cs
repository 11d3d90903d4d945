using System.Text.RegularExpressions;
using DeckLsp.Core.Model;

namespace DeckLsp.Core.Interop;

/// <summary>
/// The plain-text export of a flashcard app: a title line, then per card its number, a <c>Q</c> line, the question,
/// an <c>A</c> line, the answer and the rating prompt ("How well did you know this?" 1 Not at all … 5 Perfectly).
/// Numbers and the rating prompt are dropped; the title is kept.
/// </summary>
public static partial class TextExportFormat
{
    private const string RatingPrompt = "How well did you know this?";

    /// <summary>Whether <paramref name="text"/> looks like this export: somewhere, a number line followed by a lone <c>Q</c> line.</summary>
    public static bool Recognizes(string text)
    {
        var lines = Lines(text);
        return Enumerable.Range(0, lines.Length).Any(i => IsCardStart(lines, i));
    }

    public static ImportResult Import(string text)
    {
        var lines = Lines(text);
        var at = 0;
        while (at < lines.Length && lines[at].Trim().Length == 0)
        {
            at++;
        }

        if (at == lines.Length)
        {
            return ImportResult.Failed("there is no text in it");
        }

        string? title = null;
        if (!IsCardStart(lines, at))
        {
            title = lines[at].Trim();
            at++;
        }

        var cards = new List<ImportedCard>();
        var notes = new List<string>();
        while (at < lines.Length)
        {
            if (lines[at].Trim().Length == 0)
            {
                at++;
                continue;
            }

            if (!IsCardStart(lines, at))
            {
                return ImportResult.Failed($"line {at + 1}: expected a card number followed by a `Q` line, found \"{Shorten(lines[at])}\"");
            }

            var number = lines[at].Trim();
            var start = at + 1;
            at = NextNonBlank(lines, at + 1) + 1;
            var question = new List<string>();
            while (at < lines.Length && lines[at].Trim() != "A")
            {
                if (IsCardStart(lines, at))
                {
                    return ImportResult.Failed($"line {start}: card {number} has a question but no `A` line before the next card");
                }

                question.Add(lines[at]);
                at++;
            }

            if (at == lines.Length)
            {
                return ImportResult.Failed($"line {start}: card {number} has a question but no `A` line");
            }

            at++;
            var answer = new List<string>();
            while (at < lines.Length && lines[at].Trim() != RatingPrompt && !IsCardStart(lines, at))
            {
                answer.Add(lines[at]);
                at++;
            }

            if (at < lines.Length && lines[at].Trim() == RatingPrompt)
            {
                at++;
                while (at < lines.Length && !IsCardStart(lines, at) && IsRatingLine(lines[at]))
                {
                    at++;
                }
            }

            var q = MarkdownText.FromPlain(string.Join('\n', question));
            var a = MarkdownText.FromPlain(string.Join('\n', answer));
            if (q.Length == 0 || a.Length == 0)
            {
                notes.Add($"Card {number} (line {start}) was skipped: its {(q.Length == 0 ? "question" : "answer")} is empty.");
                continue;
            }

            cards.Add(new ImportedCard(CardKind.Basic, q, a));
        }

        if (cards.Count == 0)
        {
            return ImportResult.Failed("no cards found: each card needs a number line, a `Q` line, the question, an `A` line and the answer");
        }

        return ImportResult.Read(new ImportedDeck(title ?? "Imported cards", cards) { Notes = notes });
    }

    private static string[] Lines(string text) => text.ReplaceLineEndings("\n").Split('\n');

    // A number alone on its line, and the next non-blank line a lone "Q".
    private static bool IsCardStart(string[] lines, int index)
    {
        if (!CardNumber().IsMatch(lines[index].Trim()))
        {
            return false;
        }

        var next = NextNonBlank(lines, index + 1);
        return next < lines.Length && lines[next].Trim() == "Q";
    }

    private static int NextNonBlank(string[] lines, int from)
    {
        while (from < lines.Length && lines[from].Trim().Length == 0)
        {
            from++;
        }

        return from;
    }

    private static bool IsRatingLine(string line) => line.Trim() is "" or "1" or "2" or "3" or "4" or "5" or "Not at all" or "Perfectly";

    private static string Shorten(string line)
    {
        var trimmed = line.Trim();
        return trimmed.Length <= 40 ? trimmed : trimmed[..39] + "…";
    }

    [GeneratedRegex("^[0-9]{1,6}$")]
    private static partial Regex CardNumber();
}
