namespace DeckLsp.Core.Optimization;

/// <summary>
/// fsrs-rs's outlier rule (<c>dataset.rs</c>): items whose first long-term review is their current one are grouped by
/// first rating and delta; per rating the rarest deltas (5% of the items, at least 20), groups of fewer than six, and
/// deltas over 100 days (365 for Easy) are dropped, and so is every item whose first long-term delta was dropped.
/// </summary>
internal static class TrainingSet
{
    /// <summary><c>prepare_training_data</c>: the items the initial stabilities are fitted on, and the training items (all surviving items, in order).</summary>
    public static (List<FsrsItem> Initialization, List<FsrsItem> Training) Prepare(IReadOnlyList<FsrsItem> items)
    {
        var (removed, kept) = Analyse(items, Enumerable.Range(0, items.Count).Where(i => items[i].LongTermReviewCount == 1));
        var initialization = kept.Select(i => items[i]).ToList();
        var training = items.Where(i => Survives(i, removed)).ToList();
        return (initialization, training);
    }

    /// <summary>
    /// What the Node binding's <c>evaluate</c> feeds fsrs-rs (<c>prepare_items</c> and <c>filter_outlier</c>): the
    /// surviving first-long-term items in the rule's group order, then the surviving others in their order.
    /// </summary>
    public static List<FsrsItem> ForEvaluation(IReadOnlyList<FsrsItem> items)
    {
        var initialization = items.Where(i => i.LongTermReviewCount == 1).ToList();
        var others = items.Where(i => i.LongTermReviewCount != 1).ToList();
        var (removed, kept) = Analyse(initialization, Enumerable.Range(0, initialization.Count));
        return [.. kept.Select(i => initialization[i]), .. others.Where(i => Survives(i, removed))];
    }

    private static bool Survives(FsrsItem item, HashSet<int>[] removed) =>
        !removed[item.Reviews[0].Rating].Contains(item.FirstLongTermReview.DeltaT);

    private static (HashSet<int>[] Removed, List<int> Kept) Analyse(IReadOnlyList<FsrsItem> items, IEnumerable<int> candidates)
    {
        var groups = new SortedDictionary<int, Dictionary<int, List<int>>>();
        foreach (var index in candidates)
        {
            var item = items[index];
            var rating = item.Reviews[0].Rating;
            if (!groups.TryGetValue(rating, out var byDelta))
            {
                groups[rating] = byDelta = [];
            }

            var delta = item.Current.DeltaT;
            if (!byDelta.TryGetValue(delta, out var indices))
            {
                byDelta[delta] = indices = [];
            }

            indices.Add(index);
        }

        var removed = Enumerable.Range(0, 5).Select(_ => new HashSet<int>()).ToArray();
        var kept = new List<int>();
        foreach (var (rating, byDelta) in groups)
        {
            // Smallest groups first, and among equals the shortest delta first.
            var ordered = byDelta.OrderBy(g => g.Value.Count).ThenBy(g => g.Key).ToList();
            var total = ordered.Sum(g => g.Value.Count);
            var hasBeenRemoved = 0;
            foreach (var (delta, indices) in ordered)
            {
                if (hasBeenRemoved + indices.Count >= Math.Max(20, total / 20))
                {
                    if (indices.Count >= 6 && delta <= (rating != 4 ? 100 : 365))
                    {
                        kept.AddRange(indices);
                    }
                    else
                    {
                        removed[rating].Add(delta);
                    }
                }
                else
                {
                    hasBeenRemoved += indices.Count;
                    removed[rating].Add(delta);
                }
            }
        }

        return (removed, kept);
    }
}
