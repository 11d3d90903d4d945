using System.Globalization;
using DeckLsp.Core.Reviews;
using DeckLsp.Core.Scheduling;
using DeckLsp.Server.Protocol;

namespace DeckLsp.Server.Reviews;

/// <summary>How ratings are scheduled and sessions planned; what the review history's states are derived with.</summary>
internal sealed record ReviewSettings(RatingScale Scale, FsrsOptions Scheduler, SessionOptions Session)
{
    /// <summary>
    /// Whether a new rating's interval takes the least loaded day of its fuzz range (docs/reviews.md, "Load balancing").
    /// Not part of <see cref="Fingerprint"/>: the days it chose are recorded in the history and every replay honours
    /// them whatever this says, so turning it off changes only how the next ratings are scheduled.
    /// </summary>
    public bool LoadBalance { get; init; } = true;

    public static ReviewSettings Default { get; } = new(RatingScale.Default, new FsrsOptions { EnableFuzz = true }, new SessionOptions());

    /// <summary>The settings the options ask for; each bad value is reported and replaced by its default.</summary>
    public static (ReviewSettings Settings, IReadOnlyList<string> Problems) From(InitializationOptions? options)
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

        return (new ReviewSettings(scale, scheduler, session) { LoadBalance = options?.LoadBalance ?? Default.LoadBalance }, problems);
    }

    /// <summary>
    /// What a card's state depends on besides its log: when this changes, every state is re-derived by replaying the log.
    /// </summary>
    public string Fingerprint() => string.Join(";",
        "grades=" + string.Join(",", Scale.Grades.Select(g => ((int)g).ToString(CultureInfo.InvariantCulture))),
        "weights=" + string.Join(",", Scheduler.Weights.Select(w => w.ToString("R", CultureInfo.InvariantCulture))),
        "retention=" + Scheduler.DesiredRetention.ToString("R", CultureInfo.InvariantCulture),
        "maximum=" + Scheduler.MaximumInterval.ToString(CultureInfo.InvariantCulture),
        "shortTerm=" + Scheduler.EnableShortTerm,
        "fuzz=" + Scheduler.EnableFuzz,
        "learning=" + string.Join(",", Scheduler.LearningSteps.Select(s => s.TotalSeconds.ToString(CultureInfo.InvariantCulture))),
        "relearning=" + string.Join(",", Scheduler.RelearningSteps.Select(s => s.TotalSeconds.ToString(CultureInfo.InvariantCulture))));

    /// <summary>What every state is derived with: the scheduler and the rating scale.</summary>
    public ReviewReplay Replay() => new(new FsrsScheduler(Scheduler), Scale);
}
