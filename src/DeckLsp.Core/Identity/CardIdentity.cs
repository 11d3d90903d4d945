namespace DeckLsp.Core.Identity;

/// <summary>
/// Which review history each card of a deck carries. An explicit id always wins; otherwise a card keeps its key through
/// the editor's own edits (<see cref="Track"/>) and is found again by its text after edits made elsewhere
/// (<see cref="Relink"/>). History is never dropped: what no card takes is reported, for the caller to keep as orphaned.
/// </summary>
public static partial class CardIdentity
{
    /// <summary>Pairs being built between known cards (old) and current cards (new), then turned into keys.</summary>
    private sealed class Pairing
    {
        private readonly IReadOnlyList<string> _oldKeys;
        private readonly int[] _oldOf;
        private readonly int[] _newOf;
        private readonly LinkKind[] _how;
        private readonly string?[] _ids;
        private readonly string?[] _restored;

        public Pairing(IReadOnlyList<string> oldKeys, IReadOnlyList<string?> currentIds)
        {
            _oldKeys = oldKeys;
            _oldOf = Enumerable.Repeat(-1, currentIds.Count).ToArray();
            _newOf = Enumerable.Repeat(-1, oldKeys.Count).ToArray();
            _how = new LinkKind[currentIds.Count];
            _restored = new string?[currentIds.Count];

            // Only the first card with an id owns it; DECK009 tells the author to change the others.
            _ids = new string?[currentIds.Count];
            var owned = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < currentIds.Count; i++)
            {
                if (currentIds[i] is { } id && owned.Add(id))
                {
                    _ids[i] = id;
                }
            }
        }

        public int CurrentCount => _oldOf.Length;

        public bool IsNewPaired(int current) => _oldOf[current] >= 0 || _restored[current] is not null;

        public bool IsOldPaired(int old) => _newOf[old] >= 0;

        public IEnumerable<int> UnpairedNew() => Enumerable.Range(0, CurrentCount).Where(i => !IsNewPaired(i));

        public IEnumerable<int> UnpairedOld() => Enumerable.Range(0, _newOf.Length).Where(i => !IsOldPaired(i));

        public void Pair(int old, int current, LinkKind how)
        {
            _oldOf[current] = old;
            _newOf[old] = current;
            _how[current] = how;
        }

        public void Restore(int current, string key)
        {
            _restored[current] = key;
            _how[current] = LinkKind.Restored;
        }

        /// <summary>Explicit ids first: a current card with an id takes the known card of that key, wherever it is.</summary>
        public void PairIds()
        {
            var oldByKey = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var i = 0; i < _oldKeys.Count; i++)
            {
                oldByKey.TryAdd(_oldKeys[i], i);
            }

            for (var i = 0; i < CurrentCount; i++)
            {
                if (_ids[i] is { } id && oldByKey.TryGetValue(id, out var old) && !IsOldPaired(old))
                {
                    Pair(old, i, LinkKind.Id);
                }
            }
        }

        /// <summary>Same text pairs with same text, the n-th unpaired copy with the n-th, so duplicates keep their order.</summary>
        public void PairSameText(Func<int, CardFingerprint> oldPrint, Func<int, CardFingerprint> newPrint)
        {
            var waiting = new Dictionary<(string, string), Queue<int>>();
            foreach (var old in UnpairedOld())
            {
                var print = oldPrint(old);
                if (!waiting.TryGetValue((print.Question, print.Answer), out var queue))
                {
                    waiting[(print.Question, print.Answer)] = queue = new Queue<int>();
                }

                queue.Enqueue(old);
            }

            foreach (var current in UnpairedNew().ToList())
            {
                var print = newPrint(current);
                if (waiting.TryGetValue((print.Question, print.Answer), out var queue) && queue.Count > 0)
                {
                    Pair(queue.Dequeue(), current, LinkKind.Same);
                }
            }
        }

        /// <summary>Mutually best, clearly ahead pairs among the given unpaired cards.</summary>
        public void PairSimilar(IReadOnlyList<int> olds, IReadOnlyList<int> currents,
            Func<int, CardFingerprint> oldPrint, Func<int, CardFingerprint> newPrint, IdentityOptions options)
        {
            var pairs = CardSimilarity.MutualBest(olds.Select(oldPrint).ToList(), currents.Select(newPrint).ToList(), options);
            foreach (var (l, r) in pairs)
            {
                Pair(olds[l], currents[r], LinkKind.Similar);
            }
        }

        /// <param name="isKept">For a window of the deck: whether a key is in use outside it (never made fresh here).</param>
        public IdentityResult Finish(FreshKey freshKey, Func<int, CardFingerprint> newPrint, Func<int, KeyedFingerprint> removed,
            IEnumerable<string> reserved, Func<string, bool>? isKept = null)
        {
            var ids = new HashSet<string>(_ids.OfType<string>(), StringComparer.Ordinal);
            var used = new HashSet<string>(ids, StringComparer.Ordinal);
            // Only needed when a fresh key is made, which most keystrokes do not.
            var taken = new Lazy<HashSet<string>>(() => new HashSet<string>(reserved.Concat(_oldKeys), StringComparer.Ordinal));
            var links = new CardLink?[CurrentCount];

            // Keys carried over first, so a fresh key can be checked against all of them.
            for (var i = 0; i < CurrentCount; i++)
            {
                var carried = _oldOf[i] >= 0 ? _oldKeys[_oldOf[i]] : _restored[i];
                if (_ids[i] is { } id)
                {
                    // The history of another key moves to the id, unless that key is still some card's own id.
                    var previous = carried is not null && carried != id && !ids.Contains(carried) ? carried : null;
                    links[i] = new CardLink(id, LinkKind.Id, previous);
                    if (previous is not null)
                    {
                        used.Add(previous);
                    }
                }
                else if (carried is not null && !ids.Contains(carried) && used.Add(carried))
                {
                    links[i] = new CardLink(carried, _how[i]);
                }
            }

            for (var i = 0; i < CurrentCount; i++)
            {
                links[i] ??= new CardLink(Fresh(attempt => freshKey(newPrint(i), attempt), used, taken, isKept), LinkKind.New);
            }

            var gone = Enumerable.Range(0, _oldKeys.Count).Where(old => !used.Contains(_oldKeys[old])).Select(removed).ToArray();
            return new IdentityResult(links.Select(l => l!).ToArray(), gone);
        }

        private static string Fresh(Func<int, string> freshKey, HashSet<string> used, Lazy<HashSet<string>> taken, Func<string, bool>? isKept)
        {
            // A generator that repeats itself is a bug in the caller; a clash with a key in use would merge two histories.
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var key = freshKey(attempt);
                if (!taken.Value.Contains(key) && isKept?.Invoke(key) != true && used.Add(key))
                {
                    taken.Value.Add(key);
                    return key;
                }
            }

            throw new InvalidOperationException("The key generator keeps returning keys already in use.");
        }
    }
}
