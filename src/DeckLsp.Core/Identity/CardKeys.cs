using DeckLsp.Core.Model;

namespace DeckLsp.Core.Identity;

/// <summary>
/// The keys reviews are logged under: a basic card's own key, one per cloze deletion, and for a reversible card its own
/// key (the forward direction, so turning <c>Q:</c> into <c>R:</c> keeps the card's history) and one for the reverse.
/// </summary>
public static class CardKeys
{
    private const string DeletionMark = "#c";
    private const string ReverseMark = "#r";

    /// <summary>The key of a cloze card's deletion (1-based, as <see cref="ClozeDeletion.Index"/>): the card's key + "#c" + index.</summary>
    public static string ForDeletion(string cardKey, int deletionIndex) => $"{cardKey}{DeletionMark}{deletionIndex}";

    /// <summary>The key of a reversible card's reverse direction (answer → question): the card's key + "#r".</summary>
    public static string ForReverse(string cardKey) => cardKey + ReverseMark;

    /// <summary>
    /// What is reviewed for a card: itself, each of its deletions that hides something (none for a cloze card without
    /// one), or both directions; nothing for a question without an answer yet (DECK001), which has nothing to show.
    /// </summary>
    public static IReadOnlyList<string> ReviewKeys(Card card, string cardKey)
    {
        ArgumentNullException.ThrowIfNull(card);
        return card.Kind switch
        {
            CardKind.Cloze => card.Deletions.Where(d => d.HidesSomething).Select(d => ForDeletion(cardKey, d.Index)).ToArray(),
            _ when card.Answer is not { IsEmpty: false } => [],
            CardKind.Reversible => [cardKey, ForReverse(cardKey)],
            _ => [cardKey],
        };
    }

    /// <summary>
    /// The card key a review key belongs to and, for a cloze deletion, its index, or for a reverse direction, true: for
    /// moving a card's history when its key changes, and for rendering the card a review key names.
    /// </summary>
    public static (string CardKey, int? DeletionIndex, bool Reverse) Split(string reviewKey)
    {
        ArgumentNullException.ThrowIfNull(reviewKey);
        if (reviewKey.Length > ReverseMark.Length && reviewKey.EndsWith(ReverseMark, StringComparison.Ordinal))
        {
            return (reviewKey[..^ReverseMark.Length], null, true);
        }

        var mark = reviewKey.LastIndexOf(DeletionMark, StringComparison.Ordinal);
        var digits = mark < 0 ? "" : reviewKey[(mark + DeletionMark.Length)..];
        return digits.Length is > 0 and < 10 && digits.All(char.IsAsciiDigit)
            ? (reviewKey[..mark], int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture), false)
            : (reviewKey, null, false);
    }
}
