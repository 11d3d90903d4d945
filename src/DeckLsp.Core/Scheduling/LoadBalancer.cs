namespace DeckLsp.Core.Scheduling;

/// <summary>
/// Anki's load balancer (rslib/src/scheduler/states/load_balancer.rs): instead of a uniformly random day of the fuzz
/// range, a day drawn with weights that favour days with fewer cards due and, slightly, earlier days.
/// </summary>
public static class LoadBalancer
{
    /// <summary>Intervals longer than this are not balanced (Anki's MAX_LOAD_BALANCE_INTERVAL): so far ahead, the need is low.</summary>
    public const int LongestBalancedInterval = 90;

    // Anki's exponents: the load counts a little more than its square, the distance a cube, which keeps the balancer
    // from drifting towards the late end of the range (Anki found it otherwise favours later days near graduation).
    private const double LoadExponent = 2.15;
    private const double DistanceExponent = 3;

    /// <summary>
    /// The interval in days, from <paramref name="minimum"/> to <paramref name="maximum"/>, drawn with Anki's weights:
    /// a day with no card due weighs 1, a day with <c>n</c> cards due <c>(1/n)^2.15 · (1/days)^3</c>. The draw is
    /// <paramref name="seed"/>'s first number from the Alea generator the fuzz uses, so the same inputs give the same day.
    /// </summary>
    /// <param name="dueOn">How many other cards are due <c>days</c> days after the review.</param>
    public static int Choose(int minimum, int maximum, Func<int, int> dueOn, string seed)
    {
        ArgumentNullException.ThrowIfNull(dueOn);
        ArgumentNullException.ThrowIfNull(seed);
        if (minimum < 1 || maximum < minimum)
        {
            throw new ArgumentOutOfRangeException(nameof(maximum), $"The range {minimum}–{maximum} is not a range of days.");
        }

        var weights = new double[maximum - minimum + 1];
        var total = 0.0;
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = Weight(minimum + i, dueOn(minimum + i));
            total += weights[i];
        }

        // A weighted index: the draw falls into one day's share of the total.
        var target = new Alea(seed).Next() * total;
        for (var i = 0; i < weights.Length; i++)
        {
            target -= weights[i];
            if (target < 0)
            {
                return minimum + i;
            }
        }

        return maximum;
    }

    /// <summary>Anki's weight of a candidate day (select_weighted_interval).</summary>
    public static double Weight(int days, int due) =>
        due <= 0 ? 1.0 : Math.Pow(1.0 / due, LoadExponent) * Math.Pow(1.0 / days, DistanceExponent);
}
