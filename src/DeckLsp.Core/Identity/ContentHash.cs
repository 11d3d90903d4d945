using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace DeckLsp.Core.Identity;

/// <summary>
/// Hashes of card and deck text that stand in for the text in the review history, which holds no card text: what a
/// card key identifies (its normalized question and answer), and the keys the history gives without being told (a new
/// card, a deck path). Every machine computes the same value from the same text, so no coordination is needed.
/// </summary>
public static class ContentHash
{
    /// <summary>64 bits of SHA-256 of <paramref name="normalized"/> (a <see cref="CardFingerprint"/> side).</summary>
    public static ulong Of(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(normalized), digest);
        return BinaryPrimitives.ReadUInt64BigEndian(digest);
    }

    /// <summary>The hashes of a card's question and answer.</summary>
    public static (ulong Question, ulong Answer) Of(CardFingerprint card)
    {
        ArgumentNullException.ThrowIfNull(card);
        return (Of(card.Question), Of(card.Answer));
    }

    /// <summary>
    /// The key a card with no history is given: a hash of its deck and text, so two machines that meet the same new
    /// card give it the same key. <paramref name="attempt"/> separates cards of identical text.
    /// </summary>
    public static CardKey CardKeyFor(DeckKey deck, CardFingerprint card, int attempt)
    {
        ArgumentNullException.ThrowIfNull(card);
        return new CardKey("~" + Hex($"{deck.Value}\n{card.Question}\n{card.Answer}\n{attempt}", 12));
    }

    /// <summary>
    /// The key a deck without a front-matter id is given for its path in the repository (<c>/</c>-separated);
    /// <paramref name="attempt"/> is above 0 when that key already names a deck that moved elsewhere.
    /// </summary>
    public static DeckKey DeckKeyFor(string relativePath, int attempt)
    {
        ArgumentException.ThrowIfNullOrEmpty(relativePath);
        return new DeckKey("p" + Hex(attempt == 0 ? relativePath : $"{relativePath}\n{attempt}", 10));
    }

    private static string Hex(string text, int digits)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), digest);
        return Convert.ToHexStringLower(digest)[..digits];
    }
}
