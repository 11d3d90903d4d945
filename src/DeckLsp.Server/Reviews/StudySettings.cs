using System.Text.Json;
using System.Text.Json.Serialization;
using DeckLsp.Core.Reviews;
using DeckLsp.Core.Scheduling;
using DeckLsp.Server.Hosting;
using DeckLsp.Server.Protocol;

namespace DeckLsp.Server.Reviews;

/// <summary>How ratings are scheduled and sessions planned; what the review history's states are derived with.</summary>
internal sealed record StudySettings(RatingScale Scale, FsrsOptions Scheduler, SessionOptions Session)
{
    public static StudySettings Default { get; } = new(RatingScale.Default, new FsrsOptions { EnableFuzz = true }, new SessionOptions());

    /// <summary>The settings the options ask for; each bad value is reported and replaced by its default.</summary>
    public static (StudySettings Settings, IReadOnlyList<string> Problems) From(InitializationOptions? options)
    {
        var problems = new List<string>();
        var scale = Default.Scale;
        if (options?.RatingScale is { } names)
        {
            if (RatingScale.TryParse(names, out var parsed, out var problem))
            {
                scale = parsed!;
            }
            else
            {
                problems.Add($"ratingScale: {problem} Using the default (again, again, hard, good, easy).");
            }
        }

        var scheduler = Default.Scheduler;
        if (options?.DesiredRetention is { } retention)
        {
            if (retention is >= 0.7 and <= 0.99)
            {
                scheduler = scheduler with { DesiredRetention = retention };
            }
            else
            {
                problems.Add($"desiredRetention must be between 0.7 and 0.99, not {retention}. Using 0.9.");
            }
        }

        var session = Default.Session;
        if (options?.NewCardsPerDay is { } perDay)
        {
            if (perDay >= 0)
            {
                session = session with { NewCardsPerDay = perDay };
            }
            else
            {
                problems.Add($"newCardsPerDay cannot be negative ({perDay}). Using 20.");
            }
        }

        return (new StudySettings(scale, scheduler, session), problems);
    }

    /// <summary>
    /// What a card's state depends on besides its log: when this changes, every state is re-derived by replaying the log.
    /// </summary>
    public string Fingerprint() => JsonSerializer.Serialize(new FingerprintData(
        Scale.Grades.Select(g => (int)g).ToArray(),
        Scheduler.Weights,
        Scheduler.DesiredRetention,
        Scheduler.MaximumInterval,
        Scheduler.EnableShortTerm,
        Scheduler.EnableFuzz,
        Scheduler.LearningSteps.Select(s => s.TotalSeconds).ToArray(),
        Scheduler.RelearningSteps.Select(s => s.TotalSeconds).ToArray()), DeckJsonContext.Default.FingerprintData);

    /// <summary>What <see cref="Fingerprint"/> is made of, spelled as it is stored.</summary>
    internal sealed record FingerprintData(
        [property: JsonPropertyName("grades")] IReadOnlyList<int> Grades,
        [property: JsonPropertyName("weights")] IReadOnlyList<double> Weights,
        [property: JsonPropertyName("retention")] double Retention,
        [property: JsonPropertyName("maximum")] int Maximum,
        [property: JsonPropertyName("shortTerm")] bool ShortTerm,
        [property: JsonPropertyName("fuzz")] bool Fuzz,
        [property: JsonPropertyName("learning")] IReadOnlyList<double> Learning,
        [property: JsonPropertyName("relearning")] IReadOnlyList<double> Relearning);
}
