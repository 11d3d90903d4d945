namespace DeckLsp.Core.Scheduling;

/// <summary>ts-fsrs's parameter migration (FSRS-4.5/5 → 6) and clamping, so custom weights behave as they do there.</summary>
internal static class FsrsWeights
{
    private const double W17W18Ceiling = 2.0;
    private const double Fsrs5DefaultDecay = 0.5;

    /// <summary>migrateParameters followed by clipParameters, as ts-fsrs's FSRSAlgorithm constructor does.</summary>
    public static double[] Prepare(IReadOnlyList<double> weights, int relearningStepCount, bool enableShortTerm)
    {
        ArgumentNullException.ThrowIfNull(weights);
        foreach (var w in weights)
        {
            if (!double.IsFinite(w))
            {
                throw new ArgumentException("FSRS weights must be finite numbers.", nameof(weights));
            }
        }

        var migrated = Migrate(weights, relearningStepCount, enableShortTerm);
        return Clip(migrated, relearningStepCount, enableShortTerm);
    }

    public static double[] Migrate(IReadOnlyList<double> weights, int relearningStepCount, bool enableShortTerm)
    {
        switch (weights.Count)
        {
            case 21:
                return Clip(weights, relearningStepCount, enableShortTerm);
            case 19:
                return [.. Clip(weights, relearningStepCount, enableShortTerm), 0.0, Fsrs5DefaultDecay];
            case 17:
            {
                var w = Clip(weights, relearningStepCount, enableShortTerm);
                // FSRS-4.5 → 5 conversion; ts-fsrs rounds with toFixed(8).
                w[4] = JsMath.ToFixed((w[5] * 2.0) + w[4], 8);
                w[5] = JsMath.ToFixed(Math.Log((w[5] * 3.0) + 1.0) / 3.0, 8);
                w[6] = JsMath.ToFixed(w[6] + 0.5, 8);
                return [.. w, 0.0, 0.0, 0.0, Fsrs5DefaultDecay];
            }

            default:
                // ts-fsrs silently falls back to the defaults here; a wrong-length vector is a caller bug, so say so.
                throw new ArgumentException(
                    $"FSRS weights must have 17, 19 or 21 values, not {weights.Count}.", nameof(weights));
        }
    }

    public static double[] Clip(IReadOnlyList<double> weights, int relearningStepCount, bool enableShortTerm)
    {
        var ranges = Ranges(W17W18Ceiling, enableShortTerm);
        var count = Math.Min(weights.Count, ranges.Length);
        if (Math.Max(0, relearningStepCount) > 1)
        {
            // Several relearning steps each multiply stability by e^(w17·w18); cap the product so a
            // lapse can never end up above the pre-lapse stability (ts-fsrs's derivation, D=1, R=0.7, S=1).
            var w11 = Math.Clamp(Value(weights, 11), ranges[11].Min, ranges[11].Max);
            var w13 = Math.Clamp(Value(weights, 13), ranges[13].Min, ranges[13].Max);
            var w14 = Math.Clamp(Value(weights, 14), ranges[14].Min, ranges[14].Max);
            var value = -(Math.Log(w11) + Math.Log(Math.Pow(2.0, w13) - 1.0) + (w14 * 0.3)) / relearningStepCount;
            var ceiling = Math.Min(Math.Max(JsMath.RoundTo(Math.Sqrt(Math.Max(value, 0)), 8), 0.01), W17W18Ceiling);
            ranges[17] = (ranges[17].Min, ceiling);
            ranges[18] = (ranges[18].Min, ceiling);
        }

        var clipped = new double[count];
        for (var i = 0; i < count; i++)
        {
            clipped[i] = Math.Min(Math.Max(Value(weights, i), ranges[i].Min), ranges[i].Max);
        }

        return clipped;
    }

    // ts-fsrs reads `parameters[i] || 0`.
    private static double Value(IReadOnlyList<double> weights, int index) =>
        index < weights.Count && !double.IsNaN(weights[index]) ? weights[index] : 0;

    private static (double Min, double Max)[] Ranges(double w17W18Ceiling, bool enableShortTerm) =>
    [
        (FsrsAlgorithm.MinStability, 100.0), // initial stability (Again)
        (FsrsAlgorithm.MinStability, 100.0), // initial stability (Hard)
        (FsrsAlgorithm.MinStability, 100.0), // initial stability (Good)
        (FsrsAlgorithm.MinStability, 100.0), // initial stability (Easy)
        (1.0, 10.0), // initial difficulty (Good)
        (0.001, 4.0), // initial difficulty (multiplier)
        (0.001, 4.0), // difficulty (multiplier)
        (0.001, 0.75), // difficulty (multiplier)
        (0.0, 4.5), // stability (exponent)
        (0.0, 0.8), // stability (negative power)
        (0.001, 3.5), // stability (exponent)
        (0.001, 5.0), // fail stability (multiplier)
        (0.001, 0.25), // fail stability (negative power)
        (0.001, 0.9), // fail stability (power)
        (0.0, 4.0), // fail stability (exponent)
        (0.0, 1.0), // stability (multiplier for Hard)
        (1.0, 6.0), // stability (multiplier for Easy)
        (0.0, w17W18Ceiling), // short-term stability (exponent)
        (0.0, w17W18Ceiling), // short-term stability (exponent)
        (enableShortTerm ? 0.01 : 0.0, 0.8), // short-term last-stability (exponent)
        (0.1, 0.8), // decay
    ];
}
