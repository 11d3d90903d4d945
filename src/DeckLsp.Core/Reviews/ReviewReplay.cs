using System.Globalization;
using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.Reviews;

/// <summary>
/// Turns raw ratings into scheduling state. Only the raw log is durable: a changed rating scale or changed weights
/// re-derive every card by replaying it, and the fuzz seed depends only on the card's key and the review's index,
/// so a replay reproduces the schedule the user saw.
/// </summary>
public sealed class ReviewReplay
{
    public ReviewReplay(FsrsScheduler scheduler, RatingScale scale)
    {
        ArgumentNullException.ThrowIfNull(scheduler);
        ArgumentNullException.ThrowIfNull(scale);
        Scheduler = scheduler;
        Scale = scale;
    }

    public FsrsScheduler Scheduler { get; }

    public RatingScale Scale { get; }

    /// <summary>The same replay with other FSRS weights (the parameters a history says to schedule with).</summary>
    public ReviewReplay WithWeights(IReadOnlyList<double> weights) =>
        new(new FsrsScheduler(Scheduler.Options with { Weights = weights }), Scale);

    /// <summary>The fuzz seed of a card's review number <paramref name="reviewIndex"/> (0 for its first review).</summary>
    public static string FuzzSeed(string cardKey, int reviewIndex) =>
        string.Create(CultureInfo.InvariantCulture, $"{cardKey}/{reviewIndex}");

    /// <summary>The card after one more rating; <paramref name="card"/> null means never reviewed.</summary>
    public CardMemory Apply(string cardKey, CardMemory? card, int rating, DateTimeOffset reviewedAt) =>
        Apply(cardKey, card, rating, reviewedAt, recordedDays: null);

    /// <summary>
    /// The card after one more rating, due <paramref name="recordedDays"/> days after it when the rating recorded the
    /// day the load balancer chose and that day is still within the rating's fuzz range (a history re-derived with other
    /// parameters may have moved the range); otherwise due when the scheduler alone says, as without a recorded day.
    /// </summary>
    public CardMemory Apply(string cardKey, CardMemory? card, int rating, DateTimeOffset reviewedAt, int? recordedDays)
    {
        ArgumentNullException.ThrowIfNull(cardKey);
        var before = card ?? CardMemory.New(reviewedAt);
        // Reps counts every review, so it is the index of this one whether the card came from a replay or a live session.
        var after = Scheduler.Next(before, Scale.GradeOf(rating), reviewedAt, FuzzSeed(cardKey, before.Reps));
        return recordedDays is { } days && days != after.ScheduledDays
            && Scheduler.FuzzRange(before, after, reviewedAt) is var (_, min, max) && days >= min && days <= max
            ? MovedTo(after, reviewedAt, days)
            : after;
    }

    /// <summary>
    /// The card after one more rating with its day chosen by the <see cref="LoadBalancer"/> from <paramref name="load"/>,
    /// and the days to record with the rating so that every replay finds the same day: null when the balanced day is
    /// the one the replay gives anyway (or the interval is not balanced), so nothing needs recording.
    /// </summary>
    public (CardMemory After, int? RecordedDays) Balance(string cardKey, CardMemory? card, int rating, DateTimeOffset reviewedAt, DueLoad load)
    {
        ArgumentNullException.ThrowIfNull(cardKey);
        ArgumentNullException.ThrowIfNull(load);
        var before = card ?? CardMemory.New(reviewedAt);
        var grade = Scale.GradeOf(rating);
        var plain = Scheduler.Next(before, grade, reviewedAt, FuzzSeed(cardKey, before.Reps));
        var balanced = Balanced(cardKey, before, reviewedAt, load)[grade];
        return (balanced, balanced.ScheduledDays == plain.ScheduledDays ? null : balanced.ScheduledDays);
    }

    // The four outcomes with the passing grades' days chosen by the load balancer, each within its own fuzz range and
    // each later than the grade below it, as Anki constrains its buttons (Hard < Good < Easy).
    private Dictionary<Grade, CardMemory> Balanced(string cardKey, CardMemory before, DateTimeOffset now, DueLoad load)
    {
        var seed = FuzzSeed(cardKey, before.Reps);
        var outcomes = Scheduler.Preview(before, now, seed).ToDictionary();
        var floor = 1;
        foreach (var grade in (ReadOnlySpan<Grade>)[Grade.Hard, Grade.Good, Grade.Easy])
        {
            var plain = outcomes[grade];
            if (Scheduler.FuzzRange(before, plain, now) is var (interval, min, max)
                && interval <= LoadBalancer.LongestBalancedInterval && Math.Max(min, floor) <= max)
            {
                var days = LoadBalancer.Choose(Math.Max(min, floor), max, d => load.On(now.AddTicks(d * TimeSpan.TicksPerDay), before), seed);
                outcomes[grade] = MovedTo(plain, now, days);
            }

            floor = Math.Max(floor, outcomes[grade].ScheduledDays + 1);
        }

        return outcomes;
    }

    private static CardMemory MovedTo(CardMemory after, DateTimeOffset reviewedAt, int days) =>
        after with { ScheduledDays = days, Due = reviewedAt.AddTicks(days * TimeSpan.TicksPerDay) };

    /// <summary>Every review of one card in time order, with the state before and after each.</summary>
    /// <exception cref="ArgumentException">When an event belongs to another card.</exception>
    public IReadOnlyList<ReplayStep> Steps(string cardKey, IEnumerable<ReviewEvent> events)
    {
        ArgumentNullException.ThrowIfNull(cardKey);
        ArgumentNullException.ThrowIfNull(events);
        var steps = new List<ReplayStep>();
        CardMemory? card = null;
        // OrderBy is stable: two ratings with the same timestamp keep the order they were logged in.
        foreach (var review in events.OrderBy(e => e.ReviewedAt))
        {
            if (review.CardKey != cardKey)
            {
                throw new ArgumentException($"The event of card `{review.CardKey}` is not a review of `{cardKey}`.", nameof(events));
            }

            var before = card ?? CardMemory.New(review.ReviewedAt);
            var after = Apply(cardKey, before, review.Rating, review.ReviewedAt);
            steps.Add(new ReplayStep(review, Scale.GradeOf(review.Rating), before, after));
            card = after;
        }

        return steps;
    }

    /// <summary>The card's state after its whole log, or null when it was never reviewed.</summary>
    public CardMemory? Replay(string cardKey, IEnumerable<ReviewEvent> events) =>
        Steps(cardKey, events) is [.., var last] ? last.After : null;

    /// <summary>Every card of a mixed log, by key.</summary>
    public IReadOnlyDictionary<string, CardMemory> ReplayAll(IEnumerable<ReviewEvent> log)
    {
        ArgumentNullException.ThrowIfNull(log);
        return log.GroupBy(e => e.CardKey, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Replay(g.Key, g)!, StringComparer.Ordinal);
    }

    /// <summary>
    /// When each rating 1 to 5 would bring the card back, as short labels (<c>1m</c>, <c>10m</c>, <c>3d</c>), with the
    /// same seed <see cref="Apply"/> will use, so the label shown is the interval the rating gives.
    /// </summary>
    public IReadOnlyList<string> IntervalLabels(string cardKey, CardMemory? card, DateTimeOffset now) =>
        IntervalLabels(cardKey, card, now, load: null);

    /// <summary>
    /// The labels of <see cref="IntervalLabels(string, CardMemory?, DateTimeOffset)"/>, with the days the load balancer
    /// would choose from <paramref name="load"/> (null: no balancing), as <see cref="Balance"/> chooses them.
    /// </summary>
    public IReadOnlyList<string> IntervalLabels(string cardKey, CardMemory? card, DateTimeOffset now, DueLoad? load)
    {
        ArgumentNullException.ThrowIfNull(cardKey);
        var before = card ?? CardMemory.New(now);
        IReadOnlyDictionary<Grade, CardMemory> outcomes = load is null
            ? Scheduler.Preview(before, now, FuzzSeed(cardKey, before.Reps))
            : Balanced(cardKey, before, now, load);
        return Enumerable.Range(RatingScale.Lowest, RatingScale.Highest - RatingScale.Lowest + 1)
            .Select(rating => FsrsScheduler.FormatInterval(outcomes[Scale.GradeOf(rating)].Due - now))
            .ToArray();
    }

    /// <summary>What each rating 1 to 5 does in a cram session: Again brings the card back later in it; the rest are done.</summary>
    public IReadOnlyList<string> CramLabels() =>
        Enumerable.Range(RatingScale.Lowest, RatingScale.Highest - RatingScale.Lowest + 1)
            .Select(rating => Scale.GradeOf(rating) == Grade.Again ? CramAgainLabel : CramDoneLabel)
            .ToArray();

    public const string CramAgainLabel = "again";

    public const string CramDoneLabel = "done";
}
