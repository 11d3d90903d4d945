namespace DeckLsp.Core.Scheduling;

/// <summary>FSRS-6 scheduler settings; defaults are ts-fsrs 5.4's defaults (fuzz off).</summary>
public sealed record FsrsOptions
{
    /// <summary>ts-fsrs's FSRS-6 default parameters w0..w20.</summary>
    public static IReadOnlyList<double> DefaultWeights { get; } = Array.AsReadOnly(new[]
    {
        0.212, 1.2931, 2.3065, 8.2956, 6.4133, 0.8334, 3.0194, 0.001, 1.8722, 0.1666, 0.796,
        1.4835, 0.0614, 0.2629, 1.6483, 0.6014, 1.8729, 0.5425, 0.0912, 0.0658, 0.1542,
    });

    /// <summary>FSRS parameters: 21 (FSRS-6), or 19 (FSRS-5) / 17 (FSRS-4.5) which are migrated as ts-fsrs does.</summary>
    public IReadOnlyList<double> Weights { get; init; } = DefaultWeights;

    /// <summary>Target probability of recall at the due date, in (0, 1].</summary>
    public double DesiredRetention { get; init; } = 0.9;

    /// <summary>Longest interval in days.</summary>
    public int MaximumInterval { get; init; } = 36500;

    /// <summary>When on, same-day reviews update stability and (re)learning steps apply; when off, every answer schedules whole days.</summary>
    public bool EnableShortTerm { get; init; } = true;

    /// <summary>Spreads review intervals of 3 days or more with ts-fsrs's deterministic fuzz.</summary>
    public bool EnableFuzz { get; init; }

    /// <summary>Steps for new cards; ts-fsrs only supports whole minutes, hours or days.</summary>
    public IReadOnlyList<TimeSpan> LearningSteps { get; init; } =
        Array.AsReadOnly(new[] { TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(10) });

    /// <summary>Steps after a lapse.</summary>
    public IReadOnlyList<TimeSpan> RelearningSteps { get; init; } =
        Array.AsReadOnly(new[] { TimeSpan.FromMinutes(10) });
}
