namespace DeckLsp.Core.Optimization;

/// <summary>How well parameters predict a review log, as fsrs-rs measures it: log loss and RMSE over bins.</summary>
/// <param name="LogLoss">The recency-weighted binary cross-entropy of each review's predicted retrievability.</param>
/// <param name="RmseBins">The root mean square of predicted minus actual pass rate over bins of delay, review count and lapses, weighted.</param>
/// <param name="Items">How many reviews were scored.</param>
public sealed record FsrsEvaluation(double LogLoss, double RmseBins, int Items)
{
    /// <summary>
    /// The Node binding's <c>FSRSBinding.evaluate</c>: the outlier rule, then fsrs-rs's <c>FSRS::evaluate</c> (the
    /// parameters clipped as <c>FSRS::new</c> does, every item's history replayed, recency weights). Null when no item
    /// is left to score or a prediction is not a number.
    /// </summary>
    public static FsrsEvaluation? Of(IReadOnlyList<double> parameters, IReadOnlyList<FsrsItem> items)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(items);
        if (parameters.Count != FsrsParameters.Count)
        {
            throw new ArgumentException($"FSRS-6 has {FsrsParameters.Count} parameters, not {parameters.Count}.", nameof(parameters));
        }

        var w = parameters.Select(p => (float)p).ToArray();
        FsrsParameters.Clip(w, relearningSteps: 1, enableShortTerm: false);
        var scored = TrainingSet.ForEvaluation(items);
        if (scored.Count == 0)
        {
            return null;
        }

        var weights = FsrsOptimizer.RecencyWeights(scored.Count);
        var bins = new Dictionary<(int, int, int), Bin>();
        float loss = 0f;
        float weightSum = 0f;
        for (var i = 0; i < scored.Count; i++)
        {
            var item = scored[i];
            var p = Predict(w, item);
            if (!float.IsFinite(p))
            {
                return null;
            }

            var y = item.Current.Rating > 1 ? 1f : 0f;
            var key = BinOf(item);
            var bin = bins.GetValueOrDefault(key);
            bins[key] = new Bin(bin.Predicted + p, bin.Actual + y, bin.Count + 1f, bin.Weight + weights[i]);
            loss += ((y * MathF.Log(p)) + ((1f - y) * MathF.Log(1f - p))) * weights[i];
            weightSum += weights[i];
        }

        var logLoss = -loss / weightSum;
        float squares = 0f;
        float binWeights = 0f;
        foreach (var bin in bins.Values)
        {
            var difference = (bin.Predicted / bin.Count) - (bin.Actual / bin.Count);
            squares += difference * difference * bin.Weight;
            binWeights += bin.Weight;
        }

        var rmse = MathF.Sqrt(squares / binWeights);
        return float.IsFinite(logLoss) && float.IsFinite(rmse) ? new FsrsEvaluation(logLoss, rmse, scored.Count) : null;
    }

    /// <summary>The retrievability predicted for an item's current review (<c>predict_retrievability</c>).</summary>
    internal static float Predict(float[] w, FsrsItem item)
    {
        var reviews = item.Reviews;
        var (s, d) = (0f, 0f);
        for (var i = 0; i < reviews.Length - 1; i++)
        {
            (s, d) = i == 0
                ? (Math.Clamp(w[Math.Clamp(reviews[0].Rating, 1, 4) - 1], FsrsParameters.StabilityMin, FsrsParameters.StabilityMax),
                    Math.Clamp(FsrsGradient.InitDifficulty(w, Math.Clamp(reviews[0].Rating, 1, 4)), FsrsParameters.DifficultyMin, FsrsParameters.DifficultyMax))
                : Step(w, reviews[i].DeltaT, reviews[i].Rating, s, d);
        }

        return Curve(w, reviews[^1].DeltaT, s);
    }

    private static float Curve(float[] w, float t, float s)
    {
        var decay = -w[20];
        var factor = MathF.Exp(MathF.Log(0.9f) / decay) - 1f;
        return MathF.Pow((t / s * factor) + 1f, decay);
    }

    // model.rs's step for a review after the first.
    private static (float S, float D) Step(float[] w, float deltaT, float rating, float stability, float difficulty)
    {
        var lastS = Math.Clamp(stability, FsrsParameters.StabilityMin, FsrsParameters.StabilityMax);
        var lastD = Math.Clamp(difficulty, FsrsParameters.DifficultyMin, FsrsParameters.DifficultyMax);
        var r = Curve(w, deltaT, lastS);
        float newS;
        if (deltaT == 0f)
        {
            var increase = MathF.Exp(w[17] * (rating - 3f + w[18])) * MathF.Pow(lastS, -w[19]);
            newS = lastS * (rating >= 2f ? MathF.Max(increase, 1f) : increase);
        }
        else if (rating == 1f)
        {
            var raw = w[11] * MathF.Pow(lastD, -w[12]) * (MathF.Pow(lastS + 1f, w[13]) - 1f) * MathF.Exp((1f - r) * w[14]);
            newS = MathF.Min(raw, lastS / MathF.Exp(w[17] * w[18]));
        }
        else
        {
            var hardPenalty = rating == 2f ? w[15] : 1f;
            var easyBonus = rating == 4f ? w[16] : 1f;
            newS = lastS * ((MathF.Exp(w[8]) * (11f - lastD) * MathF.Pow(lastS, -w[9]) * (MathF.Exp((1f - r) * w[10]) - 1f) * hardPenalty * easyBonus) + 1f);
        }

        var nextD = lastD + ((10f - lastD) * (-w[6] * (rating - 3f)) / 9f);
        var meanD = (w[7] * (FsrsGradient.InitDifficulty(w, 4) - nextD)) + nextD;
        return (Math.Clamp(newS, FsrsParameters.StabilityMin, FsrsParameters.StabilityMax), Math.Clamp(meanD, FsrsParameters.DifficultyMin, FsrsParameters.DifficultyMax));
    }

    // FSRSItem::r_matrix_index: delay, review count and lapses, each on a logarithmic scale.
    private static (int, int, int) BinOf(FsrsItem item)
    {
        var deltaT = (double)item.Current.DeltaT;
        var deltaBin = (int)Math.Round(2.48 * Math.Pow(3.62, Math.Floor(Math.Log(deltaT, 3.62))) * 100.0, MidpointRounding.AwayFromZero);
        var length = item.LongTermReviewCount + 1.0;
        var lengthBin = (int)Math.Round(1.99 * Math.Pow(1.89, Math.Floor(Math.Log(length, 1.89))), MidpointRounding.AwayFromZero);
        var lapses = 0;
        var reviews = item.Reviews;
        for (var i = 0; i < reviews.Length - 1; i++)
        {
            if (reviews[i].Rating == 1 && reviews[i].DeltaT > 0)
            {
                lapses++;
            }
        }

        var lapseBin = lapses == 0 ? 0 : (int)Math.Round(1.65 * Math.Pow(1.73, Math.Floor(Math.Log(lapses, 1.73))), MidpointRounding.AwayFromZero);
        return (deltaBin, lengthBin, lapseBin);
    }

    private readonly record struct Bin(float Predicted, float Actual, float Count, float Weight);
}
