using System.Text.RegularExpressions;
using DeckLsp.Core.Model;
using DeckLsp.Core.Text;

namespace DeckLsp.Core.Diagnostics;

/// <summary>
/// DECK021: a deck that plainly uses hashcards' or Obsidian Spaced Repetition's syntax, which DeckLsp reads differently
/// or not at all, is told which <c>decklsp import</c> converts it. Each segment reports its first sign; the deck keeps
/// only the first of them (<see cref="DeckBuilder"/>), so a file has one such diagnostic at most.
/// </summary>
internal static partial class NeighbourSyntax
{
    private const string Obsidian = "This looks like an Obsidian Spaced Repetition note ({0}), whose cards DeckLsp does not read: convert it with `decklsp import --format obsidian-sr` (its schedules become review history).";
    private const string Hashcards = "This deck uses hashcards' syntax ({0}), which DeckLsp reads differently: convert it with `decklsp import --format hashcards`.";

    public static void Find(string text, int start, int length, IReadOnlyList<Card> cards, IReadOnlyList<TextSpan> code,
        IReadOnlyList<LinkTarget> relativeLinks, List<DeckDiagnostic> problems)
    {
        var found = new List<(int At, int Length, string Message)>();
        if (start == 0 && TomlFrontMatter().Match(text) is { Success: true })
        {
            found.Add((0, Math.Min(3, text.Length), string.Format(System.Globalization.CultureInfo.InvariantCulture, Hashcards, "a TOML front matter, `name = \"…\"`")));
        }

        foreach (var card in cards)
        {
            if (card.Kind == CardKind.Cloze && card.Deletions.Count == 0
                && Bracket().IsMatch(text.AsSpan(card.Question.Start, card.Question.Length)))
            {
                found.Add((card.Marker.Start, card.Marker.Length, string.Format(System.Globalization.CultureInfo.InvariantCulture, Hashcards, "`[text]` cloze deletions")));
                break;
            }
        }

        foreach (var link in relativeLinks)
        {
            if (link.Path.StartsWith("@/", StringComparison.Ordinal))
            {
                found.Add((link.Span.Start + start, link.Span.Length, string.Format(System.Globalization.CultureInfo.InvariantCulture, Hashcards, "`@/` paths from the collection's root")));
                break;
            }
        }

        var segment = text.Substring(start, length);
        var comment = segment.IndexOf("<!--SR:", StringComparison.Ordinal);
        if (comment >= 0)
        {
            found.Add((start + comment, 7, string.Format(System.Globalization.CultureInfo.InvariantCulture, Obsidian, "`<!--SR:…-->` schedule comments")));
        }

        foreach (Match line in CardLine().Matches(segment))
        {
            var at = start + line.Index;
            if (!Within(at, code) && !cards.Any(c => c.Span.Contains(at)))
            {
                found.Add((at, line.Value.TrimEnd('\r').Length, string.Format(System.Globalization.CultureInfo.InvariantCulture, Obsidian, "a `?` line between question and answer")));
                break;
            }
        }

        if (found.Count > 0)
        {
            var first = found.MinBy(f => f.At);
            problems.Add(new DeckDiagnostic(DiagnosticCodes.NeighbourSyntax, DeckSeverity.Information, first.Message, new TextSpan(first.At, first.Length)));
        }
    }

    private static bool Within(int at, IReadOnlyList<TextSpan> spans) => spans.Any(s => s.Contains(at));

    [GeneratedRegex(@"\A\uFEFF?(?:---|\+\+\+)\r?\n(?:[ \t]*(?:#.*)?\r?\n)*[ \t]*[A-Za-z0-9_-]+[ \t]*=[ \t]*\S")]
    private static partial Regex TomlFrontMatter();

    // A deletion in square brackets: not a link's text, not an image's alt, not a reference.
    [GeneratedRegex(@"(?<![!\\\]])\[[^\[\]\n]+\](?![(\[:])")]
    private static partial Regex Bracket();

    // A lone "?" or "??" line. (A "question::answer" line cannot be told from prose about `std::vector`, so it is not a sign.)
    [GeneratedRegex(@"(?m)^\?\??[ \t]*\r?$")]
    private static partial Regex CardLine();
}
