using DeckLsp.Core.Model;

namespace DeckLsp.Core.Identity;

/// <summary>The keys reviews are logged under: a basic card's own key, or one per cloze deletion.</summary>
public static class CardKeys
{
    private const string DeletionMark = "#c";

    /// <summary>The key of a cloze card's deletion (1-based, as <see cref="ClozeDeletion.Index"/>): the card's key + "#c" + index.</summary>
    public static string ForDeletion(string cardKey, int deletionIndex) => $"{cardKey}{DeletionMark}{deletionIndex}";

    /// <summary>What is reviewed for a card: itself, or each of its deletions (none for a cloze card without one).</summary>
    public static IReadOnlyList<string> ReviewKeys(Card card, string cardKey)
    {
        ArgumentNullException.ThrowIfNull(card);
        return card.Kind == CardKind.Cloze
            ? card.Deletions.Select(d => ForDeletion(cardKey, d.Index)).ToArray()
            : [cardKey];
    }

    /// <summary>
    /// The card key a review key belongs to and, for a cloze deletion, its index: for moving a card's history when its
    /// key changes, and for rendering the card a review key names.
    /// </summary>
    public static (string CardKey, int? DeletionIndex) Split(string reviewKey)
    {
        ArgumentNullException.ThrowIfNull(reviewKey);
        var mark = reviewKey.LastIndexOf(DeletionMark, StringComparison.Ordinal);
        var digits = mark < 0 ? "" : reviewKey[(mark + DeletionMark.Length)..];
        return digits.Length is > 0 and < 10 && digits.All(char.IsAsciiDigit)
            ? (reviewKey[..mark], int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture))
            : (reviewKey, null);
    }
}
