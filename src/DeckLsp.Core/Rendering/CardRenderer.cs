using System.Text;
using DeckLsp.Core.Model;

namespace DeckLsp.Core.Rendering;

/// <summary>
/// Renders cards to the HTML the study view shows, safe to put in a webview: raw HTML shown as text, comments (ids)
/// dropped, unsafe URLs removed, relative images and links resolved through the caller (Core reads no files).
/// </summary>
public static class CardRenderer
{
    private const string AnswerRule = "<hr class=\"answer\" />\n";

    /// <summary>
    /// A card's two sides. For a cloze card, <paramref name="deletionIndex"/> (1-based, as <see cref="ClozeDeletion.Index"/>)
    /// names the deletion studied: hidden on the front as <c>[...]</c> or <c>[hint]</c>, revealed on the back in
    /// <c>&lt;mark class="cloze"&gt;</c>, the others shown as their text; null hides (and reveals) them all.
    /// </summary>
    /// <param name="resolveRelative">Turns a relative link or image path into a URI the webview can load, or null to drop it.</param>
    /// <param name="reverse">For a reversible card, its reverse direction: the answer on the front, the question revealed.</param>
    public static RenderedCard Render(Card card, string deckText, Func<string, string?> resolveRelative, int? deletionIndex = null, bool reverse = false)
    {
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(deckText);
        ArgumentNullException.ThrowIfNull(resolveRelative);
        var answer = card.Answer is { } span ? SafeMarkdown.ToHtml(deckText.Substring(span.Start, span.Length), resolveRelative) : null;
        if (reverse && card.Kind != CardKind.Reversible)
        {
            throw new ArgumentException($"A {card.Kind} card has no reverse direction.", nameof(reverse));
        }

        if (card.Kind != CardKind.Cloze)
        {
            var question = SafeMarkdown.ToHtml(deckText.Substring(card.Question.Start, card.Question.Length), resolveRelative);
            return reverse
                ? new RenderedCard(answer ?? "", (answer ?? "") + AnswerRule + question)
                : new RenderedCard(question, question + AnswerRule + (answer ?? ""));
        }

        if (deletionIndex is { } index && card.Deletions.All(d => d.Index != index))
        {
            throw new ArgumentOutOfRangeException(nameof(deletionIndex), index, $"The card has {card.Deletions.Count} deletions.");
        }

        bool IsStudied(ClozeDeletion d) => deletionIndex is null || d.Index == deletionIndex;
        var hints = card.Deletions.Select(d => d.Hint).ToArray();
        var front = SafeMarkdown.ToHtml(ClozeSource(card, deckText, IsStudied, reveal: false), resolveRelative, hints);
        var back = SafeMarkdown.ToHtml(ClozeSource(card, deckText, IsStudied, reveal: true), resolveRelative, hints);
        return new RenderedCard(front, answer is null ? back : back + AnswerRule + answer);
    }

    /// <summary>Any Markdown of the deck (a section's description, a hover), rendered under the same rules as cards.</summary>
    public static string RenderMarkdown(string markdown, Func<string, string?> resolveRelative)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(resolveRelative);
        return SafeMarkdown.ToHtml(ClozeMarks.WithoutSentinels(markdown), resolveRelative);
    }

    // The cloze text with each deletion replaced: studied ones by sentinels (see ClozeMarks), the others by their text.
    internal static string ClozeSource(Card card, string deckText, Func<ClozeDeletion, bool> isStudied, bool reveal)
    {
        var source = new StringBuilder(card.Question.Length);
        var at = card.Question.Start;
        for (var number = 0; number < card.Deletions.Count; number++)
        {
            var deletion = card.Deletions[number];
            source.Append(ClozeMarks.WithoutSentinels(deckText[at..deletion.Span.Start]));
            var text = ClozeMarks.WithoutSentinels(deletion.Text);
            if (!isStudied(deletion))
            {
                source.Append(text);
            }
            else if (reveal)
            {
                source.Append(ClozeMarks.Open).Append(text).Append(ClozeMarks.Close);
            }
            else
            {
                ClozeMarks.AppendBlank(source, number);
            }

            at = deletion.Span.End;
        }

        source.Append(ClozeMarks.WithoutSentinels(deckText[at..card.Question.End]));
        return source.ToString();
    }
}
