using System.Security.Cryptography;
using System.Text;
using DeckLsp.Core.Model;

namespace DeckLsp.Core.Interop;

/// <summary>
/// How an Anki note's GUID and our card ids map to each other, so a card goes back to the note it came from and
/// importing an export into Anki again updates its notes instead of adding copies (see docs/interop.md):
/// <list type="bullet">
/// <item>an id made from a GUID (<c>anki-</c> and the GUID's UTF-8 in hex) exports as that GUID;</item>
/// <item>any other id exports as itself;</item>
/// <item>a card without an id exports as the key the review database has for it, else as <c>dq-</c> and a hash of
/// its question; importing a GUID that is that hash gives no id, so the card is as it was.</item>
/// </list>
/// </summary>
public static class AnkiGuids
{
    private const string FromGuid = "anki-";
    private const string QuestionHash = "dq-";

    /// <summary>The card id for an imported note's GUID; null when the card needs none (the GUID is its question's hash).</summary>
    public static string? IdFor(string guid, string questionMarkdown)
    {
        ArgumentNullException.ThrowIfNull(guid);
        if (guid.Length == 0 || IsQuestionHash(guid, questionMarkdown))
        {
            return null;
        }

        if (CardIds.IsValid(guid))
        {
            return guid;
        }

        var hex = Convert.ToHexStringLower(Encoding.UTF8.GetBytes(guid));
        // A GUID too long to spell out in an id is hashed; it no longer goes back to its note, but stays stable.
        return FromGuid.Length + hex.Length <= 64
            ? FromGuid + hex
            : FromGuid + "h" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(guid)))[..40];
    }

    /// <summary>The GUID for a card with an explicit id.</summary>
    public static string ForId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.StartsWith(FromGuid, StringComparison.Ordinal) && id.Length > FromGuid.Length && (id.Length - FromGuid.Length) % 2 == 0)
        {
            try
            {
                var bytes = Convert.FromHexString(id.AsSpan(FromGuid.Length));
                var guid = new UTF8Encoding(false, true).GetString(bytes);
                if (!CardIds.IsValid(guid) && !guid.Any(char.IsControl))
                {
                    return guid;
                }
            }
            catch (Exception e) when (e is FormatException or DecoderFallbackException)
            {
                // Not hex, or not text: an ordinary id that happens to start with "anki-".
            }
        }

        return id;
    }

    /// <summary>The GUID of a card without an id, when nothing better is known: a hash of its question, as normalised for matching.</summary>
    public static string ForQuestion(string questionMarkdown)
    {
        var normalized = CardText.Normalize(questionMarkdown);
        return QuestionHash + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)))[..16];
    }

    private static bool IsQuestionHash(string guid, string questionMarkdown)
    {
        if (!guid.StartsWith(QuestionHash, StringComparison.Ordinal))
        {
            return false;
        }

        var hash = ForQuestion(questionMarkdown);
        // Two cards with the same question in one export get "-2", "-3"… after the hash.
        return guid == hash || (guid.StartsWith(hash + "-", StringComparison.Ordinal) && guid[(hash.Length + 1)..].All(char.IsAsciiDigit));
    }
}
