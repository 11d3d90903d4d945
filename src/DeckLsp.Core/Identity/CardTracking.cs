using DeckLsp.Core.Model;
using DeckLsp.Core.Text;

namespace DeckLsp.Core.Identity;

public static partial class CardIdentity
{
    /// <summary>
    /// Carries keys across one edit made in the editor. In order: explicit ids; cards the edit did not touch (same span,
    /// shifted); cards of the same text wherever they moved; a card with the text of one removed shortly before takes
    /// that key back (cut, then paste); then, of the cards left over, when one card stood where one card now stands it
    /// was edited in place and keeps its key however much it changed, and otherwise clearly similar cards pair up (then
    /// a last single pair is again an edit in place). The rest are new; old cards no one took are reported removed.
    /// </summary>
    /// <param name="before">The previous snapshot's cards and their keys.</param>
    /// <param name="after">The cards after the edit.</param>
    /// <param name="afterText">The text after the edit.</param>
    /// <param name="change">The edit, in the previous snapshot's offsets.</param>
    /// <param name="freshKey">Makes a key for a new card; it should never equal a valid card id (use a character ids cannot hold).</param>
    /// <param name="recentlyRemoved">Cards removed by earlier edits, most recent last: a card pasted back takes its key again.</param>
    public static IdentityResult Track(KeyedCards before, IReadOnlyList<Card> after, string afterText, TextChange change,
        FreshKey freshKey, IReadOnlyList<KeyedFingerprint>? recentlyRemoved = null, IdentityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(afterText);
        ArgumentNullException.ThrowIfNull(freshKey);
        return Track(before.Cards, before.Keys, 0, before.Text, after, 0, afterText, change, freshKey, recentlyRemoved ?? [],
            options ?? IdentityOptions.Default, isKept: null);
    }

    /// <summary>
    /// <see cref="Track"/> for an edit that can have changed only the cards in <paramref name="window"/> (see
    /// <see cref="Documents.DeckDocument.ChangedCardsSince"/>): the cards outside it keep their keys, and only those
    /// inside are paired, so a keystroke costs the cards it re-parsed, not the deck. Returns the keys of the window's
    /// cards (<paramref name="after"/>[Kept..AfterEnd)), equal to what <see cref="Track"/> gives them; null when a card
    /// in the window has an id (an id takes its key wherever it is in the deck: use <see cref="Track"/>).
    /// </summary>
    public static IdentityResult? TrackWindow(KeyedCards before, IReadOnlyList<Card> after, string afterText, TextChange change,
        CardWindow window, FreshKey freshKey, IReadOnlyList<KeyedFingerprint>? recentlyRemoved = null, IdentityOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(afterText);
        ArgumentNullException.ThrowIfNull(freshKey);
        var (kept, beforeEnd, afterEnd) = window;
        if (kept < 0 || beforeEnd < kept || afterEnd < kept || beforeEnd > before.Cards.Count || afterEnd > after.Count
            || before.Cards.Count - beforeEnd != after.Count - afterEnd)
        {
            throw new ArgumentException("The window does not fit these cards.", nameof(window));
        }

        var oldCards = new Slice<Card>(before.Cards, kept, beforeEnd - kept);
        var newCards = new Slice<Card>(after, kept, afterEnd - kept);
        if (oldCards.Any(c => c.Id is not null) || newCards.Any(c => c.Id is not null))
        {
            return null;
        }

        // A key kept outside the window must not be made fresh or restored inside it: the outside cards are all paired
        // with themselves, so their keys are in use. Looked up only when a key is made or restored (rare, and linear).
        var keys = before.Keys;
        bool IsKept(string key)
        {
            for (var i = 0; i < kept; i++)
            {
                if (keys[i] == key)
                {
                    return true;
                }
            }

            for (var i = beforeEnd; i < keys.Count; i++)
            {
                if (keys[i] == key)
                {
                    return true;
                }
            }

            return false;
        }

        return Track(oldCards, new Slice<string>(keys, kept, beforeEnd - kept), kept, before.Text, newCards, kept, afterText, change,
            freshKey, recentlyRemoved ?? [], options ?? IdentityOptions.Default, IsKept);
    }

    // The cards are given with the ordinal of the first (oldBase, newBase): fingerprints carry the card's place in the deck.
    private static IdentityResult Track(IReadOnlyList<Card> beforeCards, IReadOnlyList<string> beforeKeys, int oldBase, string beforeText,
        IReadOnlyList<Card> after, int newBase, string afterText, TextChange change, FreshKey freshKey,
        IReadOnlyList<KeyedFingerprint> recentlyRemoved, IdentityOptions options, Func<string, bool>? isKept)
    {
        // Fingerprints cost a normalisation of the card's text: only cards the quick steps leave over need one.
        var oldPrints = new CardFingerprint?[beforeCards.Count];
        var newPrints = new CardFingerprint?[after.Count];
        CardFingerprint OldPrint(int i) => oldPrints[i] ??= CardFingerprint.Of(beforeCards[i], beforeText, oldBase + i);
        CardFingerprint NewPrint(int i) => newPrints[i] ??= CardFingerprint.Of(after[i], afterText, newBase + i);

        var pairing = new Pairing(beforeKeys, after.Select(c => c.Id).ToArray());
        pairing.PairIds();
        PairUntouched(pairing, beforeCards, after, change);
        pairing.PairSameText(OldPrint, NewPrint);
        Restore(pairing, recentlyRemoved, beforeKeys, NewPrint, isKept);
        PairEdited(pairing, OldPrint, NewPrint, options);
        return pairing.Finish(freshKey, NewPrint, i => new KeyedFingerprint(beforeKeys[i], OldPrint(i)), recentlyRemoved.Select(r => r.Key),
            isKept);
    }

    /// <summary>A window onto part of a list, read in place.</summary>
    private sealed class Slice<T>(IReadOnlyList<T> list, int start, int count) : IReadOnlyList<T>
    {
        public int Count => count;

        public T this[int index] => (uint)index < (uint)count ? list[start + index] : throw new ArgumentOutOfRangeException(nameof(index));

        public IEnumerator<T> GetEnumerator()
        {
            for (var i = 0; i < count; i++)
            {
                yield return list[start + i];
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    // A card clear of the edit whose span, shifted by the edit, is exactly a card's span now has the same text: same card.
    // Touching counts as touched: typing right after a card's end extends it, right before its marker may break it.
    private static void PairUntouched(Pairing pairing, IReadOnlyList<Card> before, IReadOnlyList<Card> after, TextChange change)
    {
        var bySpan = new Dictionary<TextSpan, int>();
        for (var i = 0; i < after.Count; i++)
        {
            bySpan.TryAdd(after[i].Span, i);
        }

        for (var old = 0; old < before.Count; old++)
        {
            var span = before[old].Span;
            TextSpan? moved = span.End < change.Span.Start ? span : span.Start > change.Span.End ? span.Shift(change.Delta) : null;
            if (!pairing.IsOldPaired(old) && moved is { } at && bySpan.TryGetValue(at, out var current) && !pairing.IsNewPaired(current))
            {
                pairing.Pair(old, current, LinkKind.Same);
            }
        }
    }

    // Whatever the edit did to the one card left (rewrote its question, extended its answer by a lazy line), it is that card.
    private static void PairEdited(Pairing pairing, Func<int, CardFingerprint> oldPrint, Func<int, CardFingerprint> newPrint,
        IdentityOptions options)
    {
        if (OnlyPair(pairing) is var (old, current))
        {
            pairing.Pair(old, current, LinkKind.Edited);
            return;
        }

        // Several cards changed at once (a split, a merge, a paste over several): text decides, then the last pair left.
        PairSameQuestion(pairing, oldPrint, newPrint);
        pairing.PairSimilar(pairing.UnpairedOld().ToList(), pairing.UnpairedNew().ToList(), oldPrint, newPrint, options);
        if (OnlyPair(pairing) is var (lastOld, lastCurrent))
        {
            pairing.Pair(lastOld, lastCurrent, LinkKind.Edited);
        }
    }

    // A card whose question is unchanged is that card, whatever happened to its answer: deleting the next card's marker
    // merges that card into this one's answer, which similarity alone cannot tell from the card that was merged.
    private static void PairSameQuestion(Pairing pairing, Func<int, CardFingerprint> oldPrint, Func<int, CardFingerprint> newPrint) =>
        PairSameSide(pairing, i => oldPrint(i).Question, i => newPrint(i).Question);

    // Pairs the cards whose side (question or answer) is not empty and unique among the unpaired on both sides.
    private static void PairSameSide(Pairing pairing, Func<int, string> oldSide, Func<int, string> newSide)
    {
        static Dictionary<string, int> Unique(IEnumerable<int> cards, Func<int, string> side) => cards
            .GroupBy(side, StringComparer.Ordinal)
            .Where(g => g.Key.Length > 0 && g.Count() == 1)
            .ToDictionary(g => g.Key, g => g.Single(), StringComparer.Ordinal);

        var olds = Unique(pairing.UnpairedOld(), oldSide);
        foreach (var (side, current) in Unique(pairing.UnpairedNew(), newSide))
        {
            if (olds.TryGetValue(side, out var old))
            {
                pairing.Pair(old, current, LinkKind.Edited);
            }
        }
    }

    private static (int Old, int Current)? OnlyPair(Pairing pairing) =>
        pairing.UnpairedOld().Take(2).ToList() is [var old] && pairing.UnpairedNew().Take(2).ToList() is [var current]
            ? (old, current)
            : null;

    private static void Restore(Pairing pairing, IReadOnlyList<KeyedFingerprint> recentlyRemoved, IReadOnlyList<string> liveKeys,
        Func<int, CardFingerprint> newPrint, Func<string, bool>? isKept)
    {
        if (recentlyRemoved.Count == 0)
        {
            return;
        }

        // A key still on a card is not removed, whatever a stale list says: restoring it would give two cards one history.
        var claimed = new HashSet<string>(liveKeys, StringComparer.Ordinal);
        foreach (var current in pairing.UnpairedNew().ToList())
        {
            var print = newPrint(current);
            for (var r = recentlyRemoved.Count - 1; r >= 0; r--)
            {
                var removed = recentlyRemoved[r];
                if (removed.Fingerprint.HasSameText(print) && isKept?.Invoke(removed.Key) != true && claimed.Add(removed.Key))
                {
                    pairing.Restore(current, removed.Key);
                    break;
                }
            }
        }
    }
}
