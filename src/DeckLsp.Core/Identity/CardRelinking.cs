namespace DeckLsp.Core.Identity;

public static partial class CardIdentity
{
    /// <summary>
    /// Links a deck read from disk (edited outside the editor, or opened for the first time) to the keys known for it:
    /// explicit ids first, then cards of the same text, then clearly similar ones (mutual best, above the threshold, a
    /// clear lead over the second best). Known keys no card takes are orphaned; cards no key fits get fresh keys.
    /// </summary>
    /// <param name="known">Every key the deck has had, with its last fingerprint, orphans included so they can come back.</param>
    /// <param name="current">The deck's cards now, in order.</param>
    /// <param name="freshKey">Makes a key for a new card; it should never equal a valid card id (use a character ids cannot hold).</param>
    public static IdentityResult Relink(IReadOnlyList<KeyedFingerprint> known, IReadOnlyList<CardFingerprint> current,
        FreshKey freshKey, IdentityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(known);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(freshKey);
        options ??= IdentityOptions.Default;
        var pairing = new Pairing(known.Select(k => k.Key).ToArray(), current.Select(c => c.Id).ToArray());
        CardFingerprint OldPrint(int i) => known[i].Fingerprint;
        CardFingerprint NewPrint(int i) => current[i];

        pairing.PairIds();
        pairing.PairSameText(OldPrint, NewPrint);
        pairing.PairSimilar(pairing.UnpairedOld().ToList(), pairing.UnpairedNew().ToList(), OldPrint, NewPrint, options);
        return pairing.Finish(freshKey, NewPrint, i => known[i], []);
    }
}
