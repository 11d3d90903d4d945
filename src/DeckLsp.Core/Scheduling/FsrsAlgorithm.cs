namespace DeckLsp.Core.Scheduling;

/// <summary>The FSRS-6 memory model, a line-by-line port of ts-fsrs's FSRSAlgorithm including its 8-decimal rounding.</summary>
internal sealed class FsrsAlgorithm
{
    public const double MinStability = 0.001;
    public const double MaxStability = 36500.0;

    private readonly double[] _w;
    private readonly double _decay;
    private readonly double _factor;
    private readonly double _intervalModifier;
    private readonly int _maximumInterval;
    private readonly bool _enableShortTerm;
    private readonly bool _enableFuzz;

    public FsrsAlgorithm(double[] weights, double desiredRetention, int maximumInterval, bool enableShortTerm, bool enableFuzz)
    {
        if (!(desiredRetention > 0 && desiredRetention <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(desiredRetention), desiredRetention, "Desired retention must be in (0, 1].");
        }

        if (maximumInterval < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maximumInterval), maximumInterval, "Maximum interval must be at least 1 day.");
        }

        _w = weights;
        _maximumInterval = maximumInterval;
        _enableShortTerm = enableShortTerm;
        _enableFuzz = enableFuzz;
        _decay = -weights[20];
        _factor = JsMath.RoundTo(Math.Exp(Math.Pow(_decay, -1) * Math.Log(0.9)) - 1.0, 8);
        _intervalModifier = JsMath.RoundTo((Math.Pow(desiredRetention, 1 / _decay) - 1) / _factor, 8);
    }

    /// <summary>R(t, S) = (1 + factor·t/S)^decay.</summary>
    public double ForgettingCurve(double elapsedDays, double stability) =>
        JsMath.RoundTo(Math.Pow(1 + (_factor * elapsedDays / stability), _decay), 8);

    public double InitStability(Grade g) => Math.Max(_w[(int)g - 1], 0.1);

    public double InitDifficulty(Grade g) =>
        JsMath.RoundTo(_w[4] - Math.Exp(((int)g - 1) * _w[5]) + 1, 8);

    /// <summary>Rounded, capped interval in days for <paramref name="stability"/>, fuzzed when enabled.</summary>
    public int NextInterval(double stability, int elapsedDays, string fuzzSeed) =>
        ApplyFuzz(PlainInterval(stability), elapsedDays, fuzzSeed);

    /// <summary>The interval <paramref name="stability"/> gives before any fuzz: rounded, at least 1, capped.</summary>
    public double PlainInterval(double stability) =>
        Math.Min(Math.Max(1, JsMath.Round(stability * _intervalModifier)), _maximumInterval);

    /// <summary>The maximum interval in days.</summary>
    public int MaximumInterval => _maximumInterval;

    public (double Difficulty, double Stability) NextState(
        double difficulty, double stability, int elapsedDays, Grade g, double? retrievability = null)
    {
        if (elapsedDays < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(elapsedDays), elapsedDays, "A review cannot precede the previous one.");
        }

        if (difficulty == 0 && stability == 0)
        {
            return (Math.Min(Math.Max(InitDifficulty(g), 1), 10), InitStability(g));
        }

        if (difficulty < 1 || stability < MinStability)
        {
            throw new ArgumentException($"Invalid memory state (difficulty {difficulty}, stability {stability}).");
        }

        var r = retrievability ?? ForgettingCurve(elapsedDays, stability);
        double newStability;
        if (elapsedDays == 0 && _enableShortTerm)
        {
            newStability = NextShortTermStability(stability, g);
        }
        else if (g == Grade.Again)
        {
            var afterFail = NextForgetStability(difficulty, stability, r);
            var (w17, w18) = _enableShortTerm ? (_w[17], _w[18]) : (0.0, 0.0);
            var floor = stability / Math.Exp(w17 * w18);
            newStability = Math.Min(Math.Max(JsMath.RoundTo(floor, 8), MinStability), afterFail);
        }
        else
        {
            newStability = NextRecallStability(difficulty, stability, r, g);
        }

        return (NextDifficulty(difficulty, g), newStability);
    }

    private double NextDifficulty(double d, Grade g)
    {
        var deltaD = -_w[6] * ((int)g - 3);
        var nextD = d + LinearDamping(deltaD, d);
        // Mean reversion targets the unclamped D0(Easy), as ts-fsrs does.
        return Math.Min(Math.Max(MeanReversion(InitDifficulty(Grade.Easy), nextD), 1), 10);
    }

    private static double LinearDamping(double deltaD, double oldD) => JsMath.RoundTo(deltaD * (10 - oldD) / 9, 8);

    private double MeanReversion(double init, double current) =>
        JsMath.RoundTo((_w[7] * init) + ((1 - _w[7]) * current), 8);

    private double NextRecallStability(double d, double s, double r, Grade g)
    {
        var hardPenalty = g == Grade.Hard ? _w[15] : 1;
        var easyBonus = g == Grade.Easy ? _w[16] : 1;
        // Multiplication order follows ts-fsrs so the product rounds identically.
        var growth = Math.Exp(_w[8]) * (11 - d) * Math.Pow(s, -_w[9]) * (Math.Exp((1 - r) * _w[10]) - 1) * hardPenalty * easyBonus;
        return JsMath.RoundTo(Math.Min(Math.Max(s * (1 + growth), MinStability), MaxStability), 8);
    }

    private double NextForgetStability(double d, double s, double r)
    {
        var value = _w[11] * Math.Pow(d, -_w[12]) * (Math.Pow(s + 1, _w[13]) - 1) * Math.Exp((1 - r) * _w[14]);
        return JsMath.RoundTo(Math.Min(Math.Max(value, MinStability), MaxStability), 8);
    }

    private double NextShortTermStability(double s, Grade g)
    {
        var sinc = Math.Pow(s, -_w[19]) * Math.Exp(_w[17] * ((int)g - 3 + _w[18]));
        var masked = g >= Grade.Hard ? Math.Max(sinc, 1.0) : sinc;
        return JsMath.RoundTo(Math.Min(Math.Max(s * masked, MinStability), MaxStability), 8);
    }

    private int ApplyFuzz(double interval, int elapsedDays, string fuzzSeed)
    {
        if (!_enableFuzz || interval < 2.5)
        {
            return (int)JsMath.Round(interval);
        }

        // A fresh generator per call: every grade of one review draws the same fuzz factor, as in ts-fsrs.
        var fuzzFactor = new Alea(fuzzSeed).Next();
        var (min, max) = FuzzRange(interval, elapsedDays, _maximumInterval);
        return (int)Math.Floor((fuzzFactor * (max - min + 1)) + min);
    }

    /// <summary>ts-fsrs's get_fuzz_range: ±(1 + 15% of days 2.5–7 + 10% of 7–20 + 5% beyond 20), never below 2 or past the maximum.</summary>
    public static (int Min, int Max) FuzzRange(double interval, int elapsedDays, int maximumInterval)
    {
        var delta = 1.0;
        delta += 0.15 * Math.Max(Math.Min(interval, 7.0) - 2.5, 0.0);
        delta += 0.1 * Math.Max(Math.Min(interval, 20.0) - 7.0, 0.0);
        delta += 0.05 * Math.Max(interval - 20.0, 0.0);
        interval = Math.Min(interval, maximumInterval);
        var min = Math.Max(2, JsMath.Round(interval - delta));
        var max = Math.Min(JsMath.Round(interval + delta), maximumInterval);
        if (interval > elapsedDays)
        {
            min = Math.Max(min, elapsedDays + 1);
        }

        min = Math.Min(min, max);
        return ((int)min, (int)max);
    }
}
