namespace DeckLsp.Core.Optimization;

/// <summary>What the optimizer did with a review log.</summary>
public enum OptimizationOutcome
{
    /// <summary>All 21 parameters were fitted.</summary>
    Fitted,

    /// <summary>Too few reviews to train on: only the initial stabilities (w0–w3) were fitted, the rest are the defaults.</summary>
    InitialStabilitiesOnly,

    /// <summary>Too little history to learn anything: the defaults.</summary>
    Defaults,
}

/// <summary>The optimizer's answer: the parameters, what it could do, and why not more.</summary>
/// <param name="Parameters">21 numbers: fitted, partly fitted or the defaults, as <paramref name="Outcome"/> says.</param>
/// <param name="Reason">Why the outcome is not <see cref="OptimizationOutcome.Fitted"/>; null when it is.</param>
/// <param name="Items">The training items the review log gave.</param>
public sealed record OptimizationResult(IReadOnlyList<double> Parameters, OptimizationOutcome Outcome, string? Reason, int Items);

/// <summary>Where training is: epoch (1-based) of epochs, items done in this epoch of the items per epoch.</summary>
public readonly record struct OptimizationProgress(int Epoch, int Epochs, int ItemsDone, int ItemsTotal)
{
    /// <summary>0 to 1 over the whole run.</summary>
    public double Fraction => Epochs == 0 || ItemsTotal == 0 ? 1.0 : (((Epoch - 1) * (double)ItemsTotal) + ItemsDone) / ((double)Epochs * ItemsTotal);
}

/// <summary>fsrs-rs's training hyperparameters (<c>TrainingConfig</c>); the defaults are fsrs-rs's.</summary>
public sealed record TrainingOptions(int Epochs = 5, int BatchSize = 512, ulong Seed = 2023, double LearningRate = 4e-2, int MaxSequenceLength = 256, double Gamma = 1.0)
{
    public static TrainingOptions Default { get; } = new();
}

/// <summary>
/// Fits FSRS-6's 21 parameters to a review log: a port of fsrs-rs 6.5.0's <c>compute_parameters</c> as its Node
/// binding calls it (short-term parameters trained, one relearning step, no card ids). The outlier rule, the
/// pre-training of the initial stabilities, recency weights, batches of items sorted by length, Adam with a cosine
/// learning-rate schedule, L2 regularisation towards the initial parameters, clipping after every step, and the
/// epoch with the lowest training loss kept. The one difference: batches are shuffled by SplitMix64, not by Rust's
/// ChaCha12 <c>StdRng</c>, so the fitted numbers differ from fsrs-rs's in their last digits, not in their fit.
/// </summary>
public static class FsrsOptimizer
{
    private static readonly float[] ParameterStdDev =
    [
        6.43f, 9.66f, 17.58f, 27.85f, 0.57f, 0.28f, 0.6f, 0.12f, 0.39f, 0.18f, 0.33f, 0.3f, 0.09f, 0.16f, 0.57f, 0.25f,
        1.03f, 0.31f, 0.32f, 0.14f, 0.27f,
    ];

    /// <summary>Fewer training items than this and fsrs-rs keeps the defaults.</summary>
    public const int MinimumItems = 8;

    /// <summary>Fewer training items than this and fsrs-rs fits only the initial stabilities.</summary>
    public const int MinimumItemsToTrain = 64;

    public static OptimizationResult Optimize(IReadOnlyList<FsrsItem> items, TrainingOptions? options = null,
        Action<OptimizationProgress>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        options ??= TrainingOptions.Default;
        if (options.BatchSize <= 0 || !double.IsFinite(options.LearningRate) || !double.IsFinite(options.Gamma))
        {
            throw new ArgumentException("The batch size must be positive and the learning rate and gamma finite.", nameof(options));
        }

        foreach (var item in items)
        {
            if (item.Count == 0)
            {
                throw new ArgumentException("Every item needs reviews.", nameof(items));
            }

            foreach (var review in item.Reviews)
            {
                if (review.Rating is < 1 or > 4)
                {
                    throw new ArgumentException("Every review must be rated 1 to 4.", nameof(items));
                }
            }
        }

        var defaults = FsrsParameters.Default.Select(p => (double)p).ToList();
        var (initialization, training) = TrainingSet.Prepare(items);
        if (training.Count < MinimumItems)
        {
            return new(defaults, OptimizationOutcome.Defaults,
                $"{training.Count} review(s) on a later day than the card's previous review; at least {MinimumItems} are needed to learn anything.", training.Count);
        }

        var averageRecall = training.Count(i => i.Current.Rating > 1) / (float)training.Count;
        if (InitialStability.Fit(initialization, averageRecall) is not var (initialStability, ratingCounts))
        {
            return new(defaults, OptimizationOutcome.Defaults,
                "no card has enough first reviews followed by a review on a later day to fit the initial stabilities.", training.Count);
        }

        var initial = initialStability.Concat(FsrsParameters.Default.Skip(4)).ToArray();
        if (training.Count == initialization.Count || training.Count < MinimumItemsToTrain)
        {
            return new([.. initial.Select(p => (double)p)], OptimizationOutcome.InitialStabilitiesOnly,
                training.Count < MinimumItemsToTrain
                    ? $"{training.Count} reviews to learn from; at least {MinimumItemsToTrain} are needed to fit more than the initial stabilities."
                    : "every card has only one review on a later day; only the initial stabilities can be fitted.", training.Count);
        }

        var weights = RecencyWeights(training.Count);
        var weighted = training.Select((item, i) => (Item: item, Weight: weights[i])).Where(x => x.Item.Count <= options.MaxSequenceLength).ToList();
        var fitted = Train(weighted, initial, options, progress, cancellation);
        if (fitted.Any(p => !float.IsFinite(p)))
        {
            throw new InvalidOperationException("Training gave parameters that are not numbers.");
        }

        var stabilities = Enumerable.Range(0, 4).ToDictionary(i => i + 1, i => fitted[i]);
        var smoothed = InitialStability.SmoothAndFill(stabilities, ratingCounts)!;
        return new([.. smoothed.Concat(fitted.Skip(4)).Select(p => (double)p)], OptimizationOutcome.Fitted, null, training.Count);
    }

    /// <summary>fsrs-rs's recency weights: 0.25 for the oldest item rising as a cube to 1 for the newest.</summary>
    internal static float[] RecencyWeights(int count)
    {
        var length = MathF.Max(count - 1f, 1f);
        var weights = new float[count];
        for (var i = 0; i < count; i++)
        {
            var x = i / length;
            weights[i] = 0.25f + (0.75f * (x * x * x));
        }

        return weights;
    }

    private static float[] Train(List<(FsrsItem Item, float Weight)> set, float[] initial, TrainingOptions options,
        Action<OptimizationProgress>? progress, CancellationToken cancellation)
    {
        var total = set.Count;
        var iterations = ((total / options.BatchSize) + 1) * options.Epochs;
        var batches = set.OrderBy(x => x.Item.Count).Chunk(options.BatchSize).ToArray();
        var schedule = new CosineAnnealing(iterations, options.LearningRate);
        var parameters = (float[])initial.Clone();
        var best = (float[])parameters.Clone();
        var bestLoss = double.PositiveInfinity;
        var adam = new Adam();
        var shuffle = new SplitMix64(options.Seed);
        var order = new int[batches.Length];
        var gradient = new double[FsrsParameters.Count];
        for (var epoch = 1; epoch <= options.Epochs; epoch++)
        {
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            shuffle.Shuffle(order);
            var done = 0;
            foreach (var index in order)
            {
                cancellation.ThrowIfCancellationRequested();
                var batch = batches[index];
                var lr = schedule.Step();
                Array.Clear(gradient);
                var model = new FsrsGradient(parameters);
                foreach (var (item, weight) in batch)
                {
                    model.Loss(item, weight, gradient);
                }

                AddL2Gradient(parameters, initial, batch.Length, total, options.Gamma, gradient);
                adam.Step(parameters, gradient, lr);
                FsrsParameters.Clip(parameters, relearningSteps: 1, enableShortTerm: true);
                done += batch.Length;
                progress?.Invoke(new OptimizationProgress(epoch, options.Epochs, Math.Min(done, total), total));
            }

            var loss = 0.0;
            var evaluation = new FsrsGradient(parameters);
            foreach (var batch in batches)
            {
                cancellation.ThrowIfCancellationRequested();
                foreach (var (item, weight) in batch)
                {
                    loss += evaluation.Loss(item, weight, null);
                }

                loss += L2Penalty(parameters, initial, batch.Length, total, options.Gamma);
            }

            loss /= total;
            if (loss < bestLoss)
            {
                bestLoss = loss;
                best = (float[])parameters.Clone();
            }
        }

        return best;
    }

    private static double L2Penalty(float[] parameters, float[] initial, int batchSize, int total, double gamma)
    {
        var sum = 0.0;
        for (var i = 0; i < FsrsParameters.Count; i++)
        {
            var delta = (double)(parameters[i] - initial[i]);
            sum += delta * delta / (double)(ParameterStdDev[i] * ParameterStdDev[i]);
        }

        return sum * gamma * batchSize / total;
    }

    private static void AddL2Gradient(float[] parameters, float[] initial, int batchSize, int total, double gamma, double[] gradient)
    {
        var scale = gamma * batchSize / total;
        for (var i = 0; i < FsrsParameters.Count; i++)
        {
            var delta = (double)(parameters[i] - initial[i]);
            gradient[i] += 2.0 * delta / (double)(ParameterStdDev[i] * ParameterStdDev[i]) * scale;
        }
    }

    /// <summary>fsrs-rs's <c>HostAdam</c>: β1 0.9, β2 0.999, ε 1e-8, in double precision.</summary>
    private sealed class Adam
    {
        private readonly double[] _m = new double[FsrsParameters.Count];
        private readonly double[] _v = new double[FsrsParameters.Count];
        private int _t;

        public void Step(float[] parameters, double[] gradient, double lr)
        {
            const double beta1 = 0.9;
            const double beta2 = 0.999;
            const double epsilon = 1e-8;
            _t++;
            var bias1 = 1.0 - Math.Pow(beta1, _t);
            var bias2 = 1.0 - Math.Pow(beta2, _t);
            for (var i = 0; i < FsrsParameters.Count; i++)
            {
                _m[i] = (beta1 * _m[i]) + ((1.0 - beta1) * gradient[i]);
                _v[i] = (beta2 * _v[i]) + ((1.0 - beta2) * gradient[i] * gradient[i]);
                parameters[i] -= (float)(lr * (_m[i] / bias1) / (Math.Sqrt(_v[i] / bias2) + epsilon));
            }
        }
    }

    /// <summary>fsrs-rs's <c>CosineAnnealingLR</c> (PyTorch's recursive form), stepped once per batch.</summary>
    private sealed class CosineAnnealing(double tMax, double initialRate)
    {
        private double _step = -1.0;
        private double _rate;

        public double Step()
        {
            _step += 1.0;
            _rate = _step == 0.0
                ? initialRate
                : (_step - 1.0 - tMax) % (2.0 * tMax) == 0.0
                    ? initialRate * (1.0 - Math.Cos(Math.PI / tMax)) / 2.0
                    : Math.FusedMultiplyAdd((1.0 + Math.Cos(Math.PI * _step / tMax)) / (1.0 + Math.Cos(Math.PI * (_step - 1.0) / tMax)), _rate, 0.0);
            return _rate;
        }
    }

    /// <summary>A tiny, fixed PRNG for the batch order (Fisher–Yates), so every machine trains the same way.</summary>
    private sealed class SplitMix64(ulong seed)
    {
        private ulong _state = seed;

        public void Shuffle(int[] values)
        {
            for (var i = values.Length - 1; i > 0; i--)
            {
                var j = (int)(Next() % (ulong)(i + 1));
                (values[i], values[j]) = (values[j], values[i]);
            }
        }

        private ulong Next()
        {
            var z = _state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
