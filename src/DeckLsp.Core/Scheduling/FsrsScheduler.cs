using System.Globalization;

namespace DeckLsp.Core.Scheduling;

/// <summary>FSRS-6 scheduler producing exactly what ts-fsrs 5.4 produces for the same card, grade, time and options.</summary>
public sealed class FsrsScheduler
{
    private const int MinutesPerDay = 1440;

    private static readonly Grade[] Grades = [Grade.Again, Grade.Hard, Grade.Good, Grade.Easy];

    private readonly FsrsOptions _options;
    private readonly FsrsAlgorithm _algorithm;

    public FsrsScheduler(FsrsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(options.Weights);
        ArgumentNullException.ThrowIfNull(options.LearningSteps);
        ArgumentNullException.ThrowIfNull(options.RelearningSteps);
        if (options.LearningSteps.Concat(options.RelearningSteps).Any(step => step < TimeSpan.Zero))
        {
            throw new ArgumentException("Learning and relearning steps cannot be negative.", nameof(options));
        }

        // Snapshot the lists so a caller mutating its own array cannot make Options disagree with the schedule.
        _options = options with
        {
            Weights = Array.AsReadOnly(options.Weights.ToArray()),
            LearningSteps = Array.AsReadOnly(options.LearningSteps.ToArray()),
            RelearningSteps = Array.AsReadOnly(options.RelearningSteps.ToArray()),
        };
        var weights = FsrsWeights.Prepare(_options.Weights, _options.RelearningSteps.Count, _options.EnableShortTerm);
        _algorithm = new FsrsAlgorithm(
            weights, options.DesiredRetention, options.MaximumInterval, options.EnableShortTerm, options.EnableFuzz);
    }

    /// <summary>The settings in use.</summary>
    public FsrsOptions Options => _options;

    /// <summary>The card after answering <paramref name="grade"/> at <paramref name="now"/>.</summary>
    public CardMemory Next(CardMemory card, Grade grade, DateTimeOffset now) =>
        Next(card, grade, now, fuzzSeed: null);

    /// <summary>
    /// The card after answering <paramref name="grade"/> at <paramref name="now"/>, with the fuzz seeded by
    /// <paramref name="fuzzSeed"/> (null: ts-fsrs's default "{unix ms}_{reps}_{difficulty·stability}").
    /// Passing <c>(cardId + reps after this review).ToString()</c> reproduces ts-fsrs's GenSeedStrategyWithCardId for numeric ids.
    /// </summary>
    public CardMemory Next(CardMemory card, Grade grade, DateTimeOffset now, string? fuzzSeed)
    {
        CheckGrade(grade);
        return ScheduleAll(card, now, fuzzSeed)[(int)grade - 1];
    }

    /// <summary>The card after each of the four possible answers at <paramref name="now"/>.</summary>
    public IReadOnlyDictionary<Grade, CardMemory> Preview(CardMemory card, DateTimeOffset now) =>
        Preview(card, now, fuzzSeed: null);

    /// <summary>The card after each of the four possible answers, with an explicit fuzz seed (see <see cref="Next(CardMemory, Grade, DateTimeOffset, string?)"/>).</summary>
    public IReadOnlyDictionary<Grade, CardMemory> Preview(CardMemory card, DateTimeOffset now, string? fuzzSeed)
    {
        var outcomes = ScheduleAll(card, now, fuzzSeed);
        return Grades.ToDictionary(g => g, g => outcomes[(int)g - 1]);
    }

    /// <summary>
    /// Probability of recall at <paramref name="now"/>, as ts-fsrs's get_retrievability: 0 for a new card, otherwise
    /// R(t, S) with t the whole 24-hour periods since the last review (not calendar days).
    /// </summary>
    public double Retrievability(CardMemory card, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (card.State == CardState.New)
        {
            return 0;
        }

        if (card.LastReview is not { } lastReview)
        {
            throw new ArgumentException("A reviewed card needs its last review time.", nameof(card));
        }

        var elapsedDays = Math.Max(Math.Floor((now - lastReview).TotalMilliseconds / TimeSpan.FromDays(1).TotalMilliseconds), 0);
        return _algorithm.ForgettingCurve(elapsedDays, JsMath.ToFixed(card.Stability, 8));
    }

    /// <summary>
    /// The interval <paramref name="after"/>'s stability gives and the days it may be moved to without changing what FSRS asked for: ts-fsrs's fuzz
    /// range around the interval its stability gives (<see cref="FsrsAlgorithm.FuzzRange"/>), whether or not fuzz is on.
    /// Null when the outcome is not a whole-day interval of the Review state, the interval is under 2.5 days (which
    /// ts-fsrs never fuzzes), or the scheduled days lie outside the range (an interval pushed out by the grades' order).
    /// </summary>
    /// <param name="before">The card as it was before the review.</param>
    /// <param name="after">One of the outcomes of reviewing it at <paramref name="now"/>.</param>
    public (double Interval, int Min, int Max)? FuzzRange(CardMemory before, CardMemory after, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (after.State != CardState.Review || after.ScheduledDays < 1 || after.Due != now.AddTicks(after.ScheduledDays * TimeSpan.TicksPerDay))
        {
            return null;
        }

        var interval = _algorithm.PlainInterval(after.Stability);
        if (interval < 2.5)
        {
            return null;
        }

        var elapsedDays = before.State != CardState.New && before.LastReview is { } last ? UtcDayDifference(last, now) : 0;
        var (min, max) = FsrsAlgorithm.FuzzRange(interval, elapsedDays, _algorithm.MaximumInterval);
        return after.ScheduledDays >= min && after.ScheduledDays <= max ? (interval, min, max) : null;
    }

    /// <summary>
    /// A short label for an interval: <c>45s</c>, <c>10m</c>, <c>3h</c>, <c>1.5h</c>, <c>3d</c>, <c>2mo</c>, <c>1.5y</c>
    /// (months of 30 days, years of 365, at most one decimal, a rounded value never shown as a full next unit).
    /// </summary>
    public static string FormatInterval(TimeSpan interval)
    {
        if (interval < TimeSpan.Zero)
        {
            return "-" + FormatInterval(interval.Duration());
        }

        // (unit length in seconds, count at which the next unit takes over, suffix, decimals shown)
        ReadOnlySpan<(double Seconds, double Limit, string Suffix, int Decimals)> units =
        [
            (1, 60, "s", 0),
            (60, 60, "m", 0),
            (3600, 24, "h", 1),
            (86400, 30, "d", 0),
            (86400 * 30, 12, "mo", 1),
            (86400 * 365, double.PositiveInfinity, "y", 1),
        ];
        var seconds = interval.TotalSeconds;
        foreach (var (unitSeconds, limit, suffix, decimals) in units)
        {
            var value = Math.Round(seconds / unitSeconds, decimals, MidpointRounding.AwayFromZero);
            // Promote once rounding reaches the next unit, so 59.7 minutes reads 1h, not 60m.
            if (value < limit)
            {
                return value.ToString(decimals == 0 ? "0" : "0.#", CultureInfo.InvariantCulture) + suffix;
            }
        }

        throw new InvalidOperationException("Unreachable: the last unit has no limit.");
    }

    private CardMemory[] ScheduleAll(CardMemory card, DateTimeOffset now, string? fuzzSeed)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (!Enum.IsDefined(card.State))
        {
            throw new ArgumentOutOfRangeException(nameof(card), card.State, "Unknown card state.");
        }

        if (card.Step < 0 || card.Reps < 0 || card.Lapses < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(card), "Step, reps and lapses cannot be negative.");
        }

        var elapsedDays = card.State != CardState.New && card.LastReview is { } last ? UtcDayDifference(last, now) : 0;
        var reps = card.Reps + 1;
        var seed = fuzzSeed ?? DefaultSeed(now, reps, card);
        var review = new ReviewContext(card, card with { LastReview = now, Reps = reps }, now, elapsedDays, seed);
        if (!_options.EnableShortTerm)
        {
            return card.State == CardState.New ? LongTermNew(review) : LongTermReview(review);
        }

        return card.State switch
        {
            CardState.New => Grades.Select(g => Learn(review, g, CardState.Learning)).ToArray(),
            CardState.Learning or CardState.Relearning => Grades.Select(g => Learn(review, g, card.State)).ToArray(),
            _ => ShortTermReview(review),
        };
    }

    // BasicScheduler.newState / learningState: follow the step table, graduating when it has nothing for the grade.
    private CardMemory Learn(ReviewContext review, Grade grade, CardState stepState)
    {
        var next = WithMemory(review, grade, retrievability: null);
        return ApplyLearningSteps(review, next, grade, stepState);
    }

    // BasicScheduler.reviewState.
    private CardMemory[] ShortTermReview(ReviewContext review)
    {
        var r = _algorithm.ForgettingCurve(review.ElapsedDays, review.Current.Stability);
        var again = WithMemory(review, Grade.Again, r);
        var hard = WithMemory(review, Grade.Hard, r);
        var good = WithMemory(review, Grade.Good, r);
        var easy = WithMemory(review, Grade.Easy, r);

        var hardInterval = _algorithm.NextInterval(hard.Stability, review.ElapsedDays, review.Seed);
        var goodInterval = _algorithm.NextInterval(good.Stability, review.ElapsedDays, review.Seed);
        hardInterval = Math.Min(hardInterval, goodInterval);
        goodInterval = Math.Max(goodInterval, hardInterval + 1);
        var easyInterval = Math.Max(_algorithm.NextInterval(easy.Stability, review.ElapsedDays, review.Seed), goodInterval + 1);

        again = ApplyLearningSteps(review, again, Grade.Again, CardState.Relearning);
        return
        [
            again with { Lapses = again.Lapses + 1 },
            Graduated(review, hard, hardInterval),
            Graduated(review, good, goodInterval),
            Graduated(review, easy, easyInterval),
        ];
    }

    // LongTermScheduler.newState: no steps, every grade gets whole days at once.
    private CardMemory[] LongTermNew(ReviewContext review)
    {
        var outcomes = Grades.Select(g => WithMemory(review, g, retrievability: null)).ToArray();
        return OrderedLongTerm(review, outcomes, elapsedDays: 0);
    }

    // LongTermScheduler.reviewState (also used for Learning/Relearning cards when short-term is off).
    private CardMemory[] LongTermReview(ReviewContext review)
    {
        var r = _algorithm.ForgettingCurve(review.ElapsedDays, review.Current.Stability);
        var outcomes = Grades.Select(g => WithMemory(review, g, r)).ToArray();
        var ordered = OrderedLongTerm(review, outcomes, review.ElapsedDays);
        ordered[0] = ordered[0] with { Lapses = ordered[0].Lapses + 1 };
        return ordered;
    }

    private CardMemory[] OrderedLongTerm(ReviewContext review, CardMemory[] outcomes, int elapsedDays)
    {
        var again = _algorithm.NextInterval(outcomes[0].Stability, elapsedDays, review.Seed);
        var hard = _algorithm.NextInterval(outcomes[1].Stability, elapsedDays, review.Seed);
        var good = _algorithm.NextInterval(outcomes[2].Stability, elapsedDays, review.Seed);
        var easy = _algorithm.NextInterval(outcomes[3].Stability, elapsedDays, review.Seed);
        again = Math.Min(again, hard);
        hard = Math.Max(hard, again + 1);
        good = Math.Max(good, hard + 1);
        easy = Math.Max(easy, good + 1);
        return
        [
            Graduated(review, outcomes[0], again),
            Graduated(review, outcomes[1], hard),
            Graduated(review, outcomes[2], good),
            Graduated(review, outcomes[3], easy),
        ];
    }

    private CardMemory ApplyLearningSteps(ReviewContext review, CardMemory next, Grade grade, CardState stepState)
    {
        var step = LearningSteps.For(_options, review.Last.State, review.Last.Step, grade);
        var minutes = Math.Max(0, step?.ScheduledMinutes ?? 0);
        var nextStep = Math.Max(0, step?.NextStep ?? 0);
        if (minutes > 0 && minutes < MinutesPerDay)
        {
            return next with
            {
                State = stepState,
                Step = nextStep,
                ScheduledDays = 0,
                Due = AddMinutes(review.Now, minutes),
            };
        }

        if (minutes >= MinutesPerDay)
        {
            // A step of a day or more graduates but keeps the step index and its exact minute offset.
            return next with
            {
                State = CardState.Review,
                Step = nextStep,
                ScheduledDays = (int)Math.Floor(minutes / MinutesPerDay),
                Due = AddMinutes(review.Now, minutes),
            };
        }

        var interval = _algorithm.NextInterval(next.Stability, review.ElapsedDays, review.Seed);
        return Graduated(review, next, interval);
    }

    private static CardMemory Graduated(ReviewContext review, CardMemory next, int intervalDays) =>
        next with
        {
            State = CardState.Review,
            Step = 0,
            ScheduledDays = intervalDays,
            Due = review.Now.AddTicks(intervalDays * TimeSpan.TicksPerDay),
        };

    private CardMemory WithMemory(ReviewContext review, Grade grade, double? retrievability)
    {
        var (difficulty, stability) = _algorithm.NextState(
            review.Current.Difficulty, review.Current.Stability, review.ElapsedDays, grade, retrievability);
        return review.Current with { Difficulty = difficulty, Stability = stability };
    }

    private static DateTimeOffset AddMinutes(DateTimeOffset now, double minutes) =>
        now.AddTicks((long)JsMath.Round(minutes) * TimeSpan.TicksPerMinute);

    // ts-fsrs's dateDiffInDays: calendar days between the UTC dates, ignoring the time of day.
    private static int UtcDayDifference(DateTimeOffset last, DateTimeOffset now) =>
        (now.UtcDateTime.Date - last.UtcDateTime.Date).Days;

    // ts-fsrs's DefaultInitSeedStrategy: `${review_time.getTime()}_${reps}_${difficulty * stability}`.
    private static string DefaultSeed(DateTimeOffset now, int reps, CardMemory card) =>
        string.Create(
            CultureInfo.InvariantCulture,
            $"{now.ToUnixTimeMilliseconds()}_{reps}_{JsMath.NumberToString(card.Difficulty * card.Stability)}");

    private static void CheckGrade(Grade grade)
    {
        if (grade is < Grade.Again or > Grade.Easy)
        {
            throw new ArgumentOutOfRangeException(nameof(grade), grade, "Grade must be Again, Hard, Good or Easy.");
        }
    }
}
