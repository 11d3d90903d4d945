namespace DeckLsp.Core.Optimization;

/// <summary>
/// fsrs-rs's pre-training (<c>parameter_initialization.rs</c>): the initial stability of each first rating (w0–w3)
/// fitted by ternary search to the pass rate of the first long-term review, then ordered and filled in for ratings
/// with no data.
/// </summary>
internal static class InitialStability
{
    public const float Max = 100f;

    // Rust's f64::EPSILON (C#'s double.Epsilon is the smallest subnormal, not this).
    private const double MachineEpsilon = 2.220446049250313e-16;

    /// <summary>The four stabilities and how many items each first rating had; null when no item has a first long-term review.</summary>
    public static (float[] Stabilities, Dictionary<int, int> Counts)? Fit(IReadOnlyList<FsrsItem> items, float averageRecall)
    {
        var groups = new Dictionary<int, SortedDictionary<int, (int Passed, int Count)>>();
        foreach (var item in items.Where(i => i.LongTermReviewCount == 1))
        {
            var rating = item.Reviews[0].Rating;
            var review = item.FirstLongTermReview;
            if (!groups.TryGetValue(rating, out var byDelta))
            {
                groups[rating] = byDelta = [];
            }

            var (passed, count) = byDelta.GetValueOrDefault(review.DeltaT);
            byDelta[review.DeltaT] = (passed + (review.Rating > 1 ? 1 : 0), count + 1);
        }

        var counts = groups.ToDictionary(g => g.Key, g => g.Value.Values.Sum(v => v.Count));
        var stabilities = groups.ToDictionary(g => g.Key, g => Search(g.Key, g.Value, averageRecall));
        return SmoothAndFill(stabilities, counts) is { } filled ? (filled, counts) : null;
    }

    private static float Search(int rating, SortedDictionary<int, (int Passed, int Count)> byDelta, float averageRecall)
    {
        var defaultS0 = (double)FsrsParameters.Default[rating - 1];
        var deltas = byDelta.Keys.Select(k => (double)k).ToArray();
        var counts = byDelta.Values.Select(v => (double)v.Count).ToArray();
        // Laplace smoothing towards the average recall.
        var recalls = byDelta.Values.Select(v => (((double)v.Passed / v.Count * v.Count) + averageRecall) / (v.Count + 1.0)).ToArray();

        var low = (double)FsrsParameters.StabilityMin;
        var high = (double)Max;
        var optimal = defaultS0;
        for (var iteration = 0; high - low > MachineEpsilon && iteration < 1000; iteration++)
        {
            var mid1 = low + ((high - low) / 3.0);
            var mid2 = high - ((high - low) / 3.0);
            if (Loss(deltas, recalls, counts, mid1, defaultS0) < Loss(deltas, recalls, counts, mid2, defaultS0))
            {
                high = mid2;
            }
            else
            {
                low = mid1;
            }

            optimal = (high + low) / 2.0;
        }

        return (float)optimal;
    }

    private static double Loss(double[] deltas, double[] recalls, double[] counts, double s0, double defaultS0)
    {
        var decay = -(double)FsrsParameters.Default[20];
        var factor = Math.Pow(0.9, 1.0 / decay) - 1.0;
        var sum = 0.0;
        for (var i = 0; i < deltas.Length; i++)
        {
            var predicted = Math.Pow((deltas[i] / s0 * factor) + 1.0, decay);
            sum += -((recalls[i] * Math.Log(predicted)) + ((1.0 - recalls[i]) * Math.Log(1.0 - predicted))) * counts[i];
        }

        return sum + (Math.Abs(s0 - defaultS0) / 16.0);
    }

    /// <summary><c>smooth_and_fill</c>: a lower rating never gets a longer stability, and missing ratings are filled in.</summary>
    public static float[]? SmoothAndFill(Dictionary<int, float> stabilities, Dictionary<int, int> counts)
    {
        var s = stabilities.Where(p => counts.ContainsKey(p.Key)).ToDictionary();
        foreach (var (small, big) in new[] { (1, 2), (2, 3), (3, 4), (1, 3), (2, 4), (1, 4) })
        {
            if (s.TryGetValue(small, out var smallValue) && s.TryGetValue(big, out var bigValue) && smallValue > bigValue)
            {
                if (counts[small] > counts[big])
                {
                    s[big] = smallValue;
                }
                else
                {
                    s[small] = bigValue;
                }
            }
        }

        const float w1 = 0.41f;
        const float w2 = 0.54f;
        float? r1 = s.TryGetValue(1, out var v1) ? v1 : null;
        float? r2 = s.TryGetValue(2, out var v2) ? v2 : null;
        float? r3 = s.TryGetValue(3, out var v3) ? v3 : null;
        float? r4 = s.TryGetValue(4, out var v4) ? v4 : null;
        static float P(float x, float y) => MathF.Pow(x, y);
        float[] result;
        switch (s.Count)
        {
            case 0:
                return null;
            case 1:
            {
                var (rating, value) = s.Single();
                var factor = value / FsrsParameters.Default[rating - 1];
                result = [.. FsrsParameters.Default.Take(4).Select(x => x * factor).Order()];
                break;
            }

            case 2:
            {
                var m = MathF.FusedMultiplyAdd(w1, -w2, w1 + w2);
                if (r3 is { } a3 && r4 is { } a4 && r1 is null && r2 is null)
                {
                    r2 = P(a3, 1f / (1f - w2)) * P(a4, 1f - (1f / (1f - w2)));
                    r1 = P(r2.Value, 1f / w1) * P(a3, 1f - (1f / w1));
                }
                else if (r2 is { } b2 && r4 is { } b4 && r1 is null && r3 is null)
                {
                    r3 = P(b2, 1f - w2) * P(b4, w2);
                    r1 = P(b2, 1f / w1) * P(r3.Value, 1f - (1f / w1));
                }
                else if (r2 is { } c2 && r3 is { } c3 && r1 is null && r4 is null)
                {
                    r4 = P(c2, 1f - (1f / w2)) * P(c3, 1f / w2);
                    r1 = P(c2, 1f / w1) * P(c3, 1f - (1f / w1));
                }
                else if (r1 is { } d1 && r4 is { } d4 && r2 is null && r3 is null)
                {
                    r2 = P(d1, w1 / m) * P(d4, 1f - (w1 / m));
                    r3 = P(d1, 1f - (w2 / m)) * P(d4, w2 / m);
                }
                else if (r1 is { } e1 && r3 is { } e3 && r2 is null && r4 is null)
                {
                    r2 = P(e1, w1) * P(e3, 1f - w1);
                    r4 = P(r2.Value, 1f - (1f / w2)) * P(e3, 1f / w2);
                }
                else if (r1 is { } f1 && r2 is { } f2 && r3 is null && r4 is null)
                {
                    r3 = P(f1, 1f - (1f / (1f - w1))) * P(f2, 1f / (1f - w1));
                    r4 = P(f2, 1f - (1f / w2)) * P(r3.Value, 1f / w2);
                }

                result = [r1!.Value, r2!.Value, r3!.Value, r4!.Value];
                break;
            }

            case 3:
            {
                if (r1 is null && r2 is { } a2 && r3 is { } a3)
                {
                    r1 = P(a2, 1f / w1) * P(a3, 1f - (1f / w1));
                }
                else if (r1 is { } b1 && r2 is null && r3 is { } b3)
                {
                    r2 = P(b1, w1) * P(b3, 1f - w1);
                }
                else if (r2 is { } c2 && r3 is null && r4 is { } c4)
                {
                    r3 = P(c2, 1f - w2) * P(c4, w2);
                }
                else if (r2 is { } d2 && r3 is { } d3 && r4 is null)
                {
                    r4 = P(d2, 1f - (1f / w2)) * P(d3, 1f / w2);
                }

                result = [r1!.Value, r2!.Value, r3!.Value, r4!.Value];
                break;
            }

            default:
                result = [r1!.Value, r2!.Value, r3!.Value, r4!.Value];
                break;
        }

        return [.. result.Select(x => Math.Clamp(x, FsrsParameters.StabilityMin, Max))];
    }
}
