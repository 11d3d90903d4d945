namespace DeckLsp.Core.Identity;

/// <summary>
/// How alike two cards read, and the unambiguous pairs among two lists of cards. Similarity is the Jaccard index of
/// character trigrams, which survives typo fixes and reworded endings better than whole words, weighted toward the question.
/// </summary>
internal static class CardSimilarity
{
    /// <summary>A card's trigram sets, computed once per card.</summary>
    internal sealed class Shingles(CardFingerprint card)
    {
        public long[] Question { get; } = Of(card.Question);

        public long[] Answer { get; } = Of(card.Answer);

        public int Ordinal { get; } = card.Ordinal;
    }

    public static double Score(Shingles a, Shingles b, double questionWeight)
    {
        var question = Jaccard(a.Question, b.Question);
        // Cloze cards usually have no answer: two empty answers say nothing, so the question decides alone.
        return a.Answer.Length == 0 && b.Answer.Length == 0
            ? question
            : (questionWeight * question) + ((1 - questionWeight) * Jaccard(a.Answer, b.Answer));
    }

    /// <summary>
    /// Pairs (index into <paramref name="left"/>, index into <paramref name="right"/>) that are each other's best match,
    /// at least the threshold, and ahead of either side's second best by the margin. Pairing removes both cards, which
    /// can leave others unambiguous, so it repeats until nothing changes. Deterministic: no ties are broken by chance.
    /// </summary>
    public static List<(int Left, int Right)> MutualBest(IReadOnlyList<CardFingerprint> left, IReadOnlyList<CardFingerprint> right, IdentityOptions options)
    {
        var pairs = new List<(int, int)>();
        if (left.Count == 0 || right.Count == 0)
        {
            return pairs;
        }

        var leftShingles = left.Select(c => new Shingles(c)).ToArray();
        var rightShingles = right.Select(c => new Shingles(c)).ToArray();
        var candidates = Candidates(leftShingles, rightShingles, options);
        var leftTaken = new bool[left.Count];
        var rightTaken = new bool[right.Count];
        while (true)
        {
            var leftBest = Best(candidates.ByLeft, rightTaken);
            var rightBest = Best(candidates.ByRight, leftTaken);
            var found = false;
            for (var l = 0; l < left.Count; l++)
            {
                if (leftTaken[l] || leftBest[l] is not { } best || rightBest[best.Other] is not { } back || back.Other != l)
                {
                    continue;
                }

                if (best.Score >= options.Threshold && best.Score - best.Second >= options.Margin && back.Score - back.Second >= options.Margin)
                {
                    pairs.Add((l, best.Other));
                    leftTaken[l] = true;
                    rightTaken[best.Other] = true;
                    found = true;
                }
            }

            if (!found)
            {
                return pairs;
            }
        }
    }

    private sealed record CandidateLists(List<(int Other, double Score)>[] ByLeft, List<(int Other, double Score)>[] ByRight);

    private readonly record struct BestMatch(int Other, double Score, double Second);

    private static CandidateLists Candidates(Shingles[] left, Shingles[] right, IdentityOptions options)
    {
        var byLeft = left.Select(_ => new List<(int, double)>()).ToArray();
        var byRight = right.Select(_ => new List<(int, double)>()).ToArray();
        // Scores below threshold - margin can neither link nor spoil a link's lead, so they are not kept.
        var floor = options.Threshold - options.Margin;
        var leftOrder = Enumerable.Range(0, left.Length).OrderBy(i => left[i].Ordinal).ToArray();
        var rightOrder = Enumerable.Range(0, right.Length).OrderBy(i => right[i].Ordinal).ToArray();
        var all = (long)left.Length * right.Length <= options.MaxComparisons;
        var window = Math.Max(1, options.MaxComparisons / (2 * left.Length));
        for (var rank = 0; rank < leftOrder.Length; rank++)
        {
            // A deck rewritten wholesale would cost every pair: compare with the cards around the same relative place.
            var centre = (int)((long)rank * right.Length / left.Length);
            var from = all ? 0 : Math.Max(0, centre - window);
            var to = all ? right.Length : Math.Min(right.Length, centre + window + 1);
            var l = leftOrder[rank];
            for (var k = from; k < to; k++)
            {
                var r = rightOrder[k];
                var score = Score(left[l], right[r], options.QuestionWeight);
                if (score >= floor && score > 0)
                {
                    byLeft[l].Add((r, score));
                    byRight[r].Add((l, score));
                }
            }
        }

        return new CandidateLists(byLeft, byRight);
    }

    private static BestMatch?[] Best(List<(int Other, double Score)>[] lists, bool[] otherTaken)
    {
        var result = new BestMatch?[lists.Length];
        for (var i = 0; i < lists.Length; i++)
        {
            int best = -1;
            double bestScore = 0, second = 0;
            foreach (var (other, score) in lists[i])
            {
                if (otherTaken[other])
                {
                    continue;
                }

                if (best < 0 || score > bestScore)
                {
                    second = best < 0 ? second : bestScore;
                    best = other;
                    bestScore = score;
                }
                else if (score > second)
                {
                    second = score;
                }
            }

            result[i] = best < 0 ? null : new BestMatch(best, bestScore, second);
        }

        return result;
    }

    private static double Jaccard(long[] a, long[] b)
    {
        if (a.Length == 0 || b.Length == 0)
        {
            return a.Length == b.Length ? 1 : 0;
        }

        int i = 0, j = 0, common = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j])
            {
                common++;
                i++;
                j++;
            }
            else if (a[i] < b[j])
            {
                i++;
            }
            else
            {
                j++;
            }
        }

        return (double)common / (a.Length + b.Length - common);
    }

    // Three UTF-16 units packed in 48 bits: exact, so no two trigrams collide; padded so a short text has shingles too.
    private static long[] Of(string text)
    {
        if (text.Length == 0)
        {
            return [];
        }

        var padded = " " + text + " ";
        var set = new HashSet<long>();
        for (var i = 0; i + 3 <= padded.Length; i++)
        {
            set.Add(((long)padded[i] << 32) | ((long)padded[i + 1] << 16) | padded[i + 2]);
        }

        var sorted = set.ToArray();
        Array.Sort(sorted);
        return sorted;
    }
}
