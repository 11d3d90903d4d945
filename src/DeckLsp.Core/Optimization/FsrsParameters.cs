namespace DeckLsp.Core.Optimization;

/// <summary>FSRS-6's 21 parameters as fsrs-rs keeps them (single precision), its defaults and its clipping (<c>parameter_clipper.rs</c>).</summary>
public static class FsrsParameters
{
    public const int Count = 21;
    internal const float StabilityMin = 0.001f;
    internal const float StabilityMax = 36500f;
    internal const float DifficultyMin = 1f;
    internal const float DifficultyMax = 10f;

    /// <summary>fsrs-rs's <c>DEFAULT_PARAMETERS</c> (the same as ts-fsrs's FSRS-6 defaults).</summary>
    public static IReadOnlyList<float> Default { get; } =
    [
        0.212f, 1.2931f, 2.3065f, 8.2956f, 6.4133f, 0.8334f, 3.0194f, 0.001f, 1.8722f, 0.1666f, 0.796f, 1.4835f,
        0.0614f, 0.2629f, 1.6483f, 0.6014f, 1.8729f, 0.5425f, 0.0912f, 0.0658f, 0.1542f,
    ];

    /// <summary><c>clip_parameters_in_place</c>: each parameter into its range, w17·w18 capped for several relearning steps.</summary>
    public static void Clip(Span<float> w, int relearningSteps, bool enableShortTerm)
    {
        var w17W18Ceiling = relearningSteps > 1
            ? MathF.Min(MathF.Sqrt(MathF.Max(-(MathF.Log(w[11]) + MathF.Log(MathF.Pow(2f, w[13]) - 1f) + (w[14] * 0.3f)) / relearningSteps, 0.01f)), 2f)
            : 2f;
        var w19Floor = enableShortTerm ? 0.01f : 0f;
        ReadOnlySpan<(float Low, float High)> clamps =
        [
            (StabilityMin, InitialStability.Max), (StabilityMin, InitialStability.Max), (StabilityMin, InitialStability.Max),
            (StabilityMin, InitialStability.Max), (DifficultyMin, DifficultyMax), (0.001f, 4f), (0.001f, 4f), (0.001f, 0.75f),
            (0f, 4.5f), (0f, 0.8f), (0.001f, 3.5f), (0.001f, 5f), (0.001f, 0.25f), (0.001f, 0.9f), (0f, 4f), (0f, 1f),
            (1f, 6f), (0f, w17W18Ceiling), (0f, w17W18Ceiling), (w19Floor, 0.8f), (0.1f, 0.8f),
        ];
        for (var i = 0; i < Count; i++)
        {
            w[i] = Math.Clamp(w[i], clamps[i].Low, clamps[i].High);
        }
    }
}
