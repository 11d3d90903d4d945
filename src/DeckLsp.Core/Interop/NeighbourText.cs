using System.Text.RegularExpressions;
using DeckLsp.Core.Documents;
using DeckLsp.Core.Model;

namespace DeckLsp.Core.Interop;

/// <summary>What the neighbours' Markdown formats share: sides that are Markdown already, and their front matter.</summary>
internal static partial class NeighbourText
{
    /// <summary>
    /// A side as <see cref="ImportedCard"/> wants it: trimmed, and on the line after its marker (a leading line break)
    /// when it starts with a block that must stand at the start of a line.
    /// </summary>
    public static string Side(string markdown)
    {
        var side = markdown.Trim(' ', '\t').TrimEnd();
        if (side.StartsWith('\n') || side.StartsWith('\r'))
        {
            return "\n" + side.TrimStart('\r', '\n');
        }

        return BlockStart().IsMatch(side) ? "\n" + side : side;
    }

    /// <summary>The text after a front matter between <paramref name="fence"/> lines, and the front matter's lines (null when there is none).</summary>
    public static (string Body, IReadOnlyList<string>? Lines) FrontMatter(string text, params string[] fences)
    {
        var lines = text.TrimStart('\uFEFF').ReplaceLineEndings("\n").Split('\n');
        if (lines.Length == 0 || !fences.Contains(lines[0].TrimEnd()))
        {
            return (text.TrimStart('\uFEFF').ReplaceLineEndings("\n"), null);
        }

        var close = Array.FindIndex(lines, 1, l => l.TrimEnd() == lines[0].TrimEnd());
        if (close < 0)
        {
            return (string.Join('\n', lines), null);
        }

        return (string.Join('\n', lines[(close + 1)..]), lines[1..close]);
    }

    /// <summary>The deck's cards as imported cards: their sides' Markdown as written, their headings as sections.</summary>
    public static List<ImportedCard> Cards(DeckDocument document, Func<Card, string, string>? question = null)
    {
        var text = document.Text;
        var deck = document.Deck;
        var cards = new List<ImportedCard>();
        foreach (var card in deck.Cards)
        {
            var q = CardText.WithoutComments(text.Substring(card.Question.Start, card.Question.Length));
            var a = card.Answer is { } span ? CardText.WithoutComments(text.Substring(span.Start, span.Length)) : null;
            var sections = new List<string>();
            for (var at = card.SectionIndex; at >= 0; at = deck.Sections[at].ParentIndex)
            {
                sections.Insert(0, deck.Sections[at].Title);
            }

            cards.Add(new ImportedCard(card.Kind, Side(question?.Invoke(card, q) ?? q), a is null || a.Trim().Length == 0 ? null : Side(a)) { Section = sections });
        }

        return cards;
    }

    public static string Plural(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";

    // A list item, a quote, a fence, a table row, a heading: blocks that must start their own line.
    [GeneratedRegex(@"^(?:[-+*]\s|[0-9]{1,9}[.)]\s|>|```|~~~|\||#)")]
    private static partial Regex BlockStart();
}
