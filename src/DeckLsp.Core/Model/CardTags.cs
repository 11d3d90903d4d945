using System.Text.RegularExpressions;
using DeckLsp.Core.Text;

namespace DeckLsp.Core.Model;

/// <summary>
/// The rules for tags: a card's own (<c>&lt;!-- tags: exam, hard --&gt;</c>) and the deck's (front matter), and which
/// tags a filter picks (docs/deck-format.md).
/// </summary>
public static partial class CardTags
{
    /// <summary>One word of a tags comment: the tag it names (null when malformed) and where it is.</summary>
    public readonly record struct Word(string Text, TextSpan Span, string? Tag);

    /// <summary>
    /// The words of a tags comment's value starting at <paramref name="start"/>, split at commas and white space. A
    /// leading <c>#</c> is allowed (as Obsidian writes tags) and is not part of the tag.
    /// </summary>
    public static IReadOnlyList<Word> Words(string value, int start)
    {
        ArgumentNullException.ThrowIfNull(value);
        var words = new List<Word>();
        foreach (Match match in WordPattern().Matches(value))
        {
            var text = match.Value;
            var tag = text.StartsWith('#') ? text[1..] : text;
            words.Add(new Word(text, new TextSpan(start + match.Index, match.Length), IsValid(tag) ? tag : null));
        }

        return words;
    }

    /// <summary>A card tag: 1 to 64 letters, digits, <c>_ - / . :</c>, starting with a letter or digit.</summary>
    public static bool IsValid(string tag) => ValidTag().IsMatch(tag);

    /// <summary>
    /// Whether a card carrying <paramref name="tags"/> is picked by any of <paramref name="wanted"/>: tags compare without
    /// case, and a wanted tag also picks its children (<c>lang</c> picks <c>lang/python</c> and <c>lang::python</c>).
    /// An empty filter picks every card.
    /// </summary>
    public static bool Matches(IEnumerable<string> tags, IReadOnlyCollection<string> wanted)
    {
        ArgumentNullException.ThrowIfNull(tags);
        ArgumentNullException.ThrowIfNull(wanted);
        if (wanted.Count == 0)
        {
            return true;
        }

        foreach (var tag in tags)
        {
            foreach (var want in wanted)
            {
                var w = want.StartsWith('#') ? want[1..] : want;
                if (tag.Equals(w, StringComparison.OrdinalIgnoreCase)
                    || (tag.Length > w.Length && tag.StartsWith(w, StringComparison.OrdinalIgnoreCase)
                        && (tag[w.Length] == '/' || tag.AsSpan(w.Length).StartsWith("::"))))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The tags a card of <paramref name="deck"/> carries: the deck's, then its own, each once.</summary>
    public static IReadOnlyList<string> Of(Deck deck, Card card)
    {
        ArgumentNullException.ThrowIfNull(deck);
        ArgumentNullException.ThrowIfNull(card);
        if (card.Tags.Count == 0)
        {
            return deck.Tags;
        }

        return deck.Tags.Concat(card.Tags).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
    }

    [GeneratedRegex(@"[^\s,]+")]
    private static partial Regex WordPattern();

    [GeneratedRegex(@"^[\p{L}\p{N}][\p{L}\p{N}_\-/.:]{0,63}$")]
    private static partial Regex ValidTag();
}
