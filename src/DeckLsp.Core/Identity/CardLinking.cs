using System.Globalization;

namespace DeckLsp.Core.Identity;

public static partial class CardIdentity
{
    private static readonly ulong EmptySide = ContentHash.Of("");

    /// <summary>
    /// Links a deck read from disk to the keys its history knows, from hashes alone where no text is at hand (another
    /// machine's edit arrived by a pull): explicit ids; same question and answer; a question, or else an answer, found
    /// once on both sides (the other side was edited); then similar text where this machine saw the known card. Cards no
    /// key fits get fresh keys, and known keys no card takes are reported (orphaned, never dropped).
    /// </summary>
    /// <param name="known">The keys of the deck that have history.</param>
    /// <param name="current">The deck's cards now, in order.</param>
    /// <param name="freshKey">Makes the key of a card no known key fits.</param>
    public static IdentityResult Link(IReadOnlyList<HashedCard> known, IReadOnlyList<CardFingerprint> current, FreshKey freshKey,
        IdentityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(freshKey);
        options ??= IdentityOptions.Default;
        var pairing = new Pairing(known.Select(k => k.Key).ToArray(), current.Select(c => c.Id).ToArray());
        var oldHashes = known.Select(k => Hashes(null, k.Question, k.Answer)).ToArray();
        var newHashes = current.Select(c => Hashes(c.Id, ContentHash.Of(c.Question), ContentHash.Of(c.Answer))).ToArray();

        pairing.PairIds();
        pairing.PairSameText(i => oldHashes[i], i => newHashes[i]);
        PairSameSide(pairing, i => oldHashes[i].Question, i => newHashes[i].Question);
        PairSameSide(pairing, i => oldHashes[i].Answer, i => newHashes[i].Answer);
        var withText = pairing.UnpairedOld().Where(i => known[i].Text is not null).ToList();
        pairing.PairSimilar(withText, pairing.UnpairedNew().ToList(), i => known[i].Text!, i => current[i], options);
        return pairing.Finish(freshKey, i => current[i], i => new KeyedFingerprint(known[i].Key, known[i].Text ?? oldHashes[i]), []);
    }

    // A side that is empty stays empty, so that empty sides (a cloze card's answer) never pair cards.
    private static CardFingerprint Hashes(string? id, ulong question, ulong answer) =>
        new(id, Hex(question), Hex(answer), 0);

    private static string Hex(ulong hash) => hash == EmptySide ? "" : hash.ToString("x16", CultureInfo.InvariantCulture);
}
