using System.Globalization;
using System.Text;
using DeckLsp.Core.Reviews;
using DeckLsp.Core.Scheduling;
using Xunit.Abstractions;

namespace DeckLsp.Core.Tests.Reviews;

/// <summary>
/// A simulated month of reviews, scheduled once with the fuzz alone and once with the load balancer: the balanced
/// daily load is flatter. The table it prints is quoted in docs/reviews.md ("Load balancing").
/// </summary>
public sealed class LoadBalanceSimulationTests(ITestOutputHelper output)
{
    private const int Cards = 300;
    private const int NewPerDay = 10;
    // The month shown starts once there are reviews to spread: half way through the thirty days of new cards.
    private const int FirstDays = 15;
    private const int MonthDays = 30;
    private static readonly DateTimeOffset FirstDay = new(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
    private static readonly ReviewReplay Replay = new(new FsrsScheduler(new FsrsOptions { EnableFuzz = true }), RatingScale.Default);

    private static DateOnly DayOf(DateTimeOffset time) => DateOnly.FromDateTime(time.UtcDateTime);

    /// <summary>
    /// 300 cards, 10 new a day (each rated Good through its learning steps), and every due card reviewed each morning:
    /// remembered (Good) with the probability FSRS gives, else Again and Good at its relearning step ten minutes later.
    /// Whether a review is remembered depends only on the card and its review count, so both runs see the same memory.
    /// Returns the reviews of due cards on each day of the month from day 16 (the last new cards come on day 30).
    /// </summary>
    private static int[] DailyReviews(bool balance)
    {
        var states = new CardMemory?[Cards];
        var load = DueLoad.Of([], DayOf);
        var reviews = new int[FirstDays + MonthDays];

        void Rate(int card, int rating, DateTimeOffset at)
        {
            var key = $"sim-{card}";
            var before = states[card];
            var after = balance ? Replay.Balance(key, before, rating, at, load).After : Replay.Apply(key, before, rating, at);
            load = load.Moved(before, after);
            states[card] = after;
        }

        for (var day = 0; day < reviews.Length; day++)
        {
            var morning = FirstDay.AddDays(day).AddHours(9);
            var today = DayOf(morning);
            var at = morning;
            for (var card = 0; card < Cards; card++)
            {
                if (states[card] is not { State: CardState.Review } state || DayOf(state.Due) > today)
                {
                    continue;
                }

                at = at.AddSeconds(20);
                reviews[day]++;
                var recall = Replay.Scheduler.Retrievability(state, at);
                if (new Random((card * 1000) + state.Reps).NextDouble() < recall)
                {
                    Rate(card, 4, at);
                }
                else
                {
                    Rate(card, 1, at);
                    Rate(card, 4, at.AddMinutes(10));
                }
            }

            for (var card = day * NewPerDay; card < Math.Min(Cards, (day + 1) * NewPerDay); card++)
            {
                at = at.AddSeconds(20);
                Rate(card, 4, at);
                Rate(card, 4, at.AddMinutes(10));
            }
        }

        return reviews[FirstDays..];
    }

    /// <summary>How uneven a month is: its busiest and quietest days, the standard deviation, and the mean change from one day to the next.</summary>
    private sealed record Spread(int Max, int Min, double Mean, double StandardDeviation, double DayToDay)
    {
        public static Spread Of(int[] days)
        {
            var mean = days.Average();
            return new Spread(days.Max(), days.Min(), mean, Math.Sqrt(days.Average(d => (d - mean) * (d - mean))),
                Enumerable.Range(1, days.Length - 1).Average(i => Math.Abs(days[i] - days[i - 1])));
        }

        public override string ToString() => string.Create(CultureInfo.InvariantCulture,
            $"max {Max,3}  min {Min,3}  mean {Mean,5:0.0}  stddev {StandardDeviation,4:0.0}  day-to-day change {DayToDay,4:0.0}");
    }

    [Fact]
    public void A_month_of_balanced_reviews_is_flatter_than_a_month_of_fuzzed_ones()
    {
        var fuzzed = DailyReviews(balance: false);
        var balanced = DailyReviews(balance: true);

        var table = new StringBuilder();
        table.AppendLine(CultureInfo.InvariantCulture, $"Reviews of due cards per day, days {FirstDays + 1}–{FirstDays + MonthDays} ({Cards} cards, {NewPerDay} new a day from day 1)");
        table.AppendLine("day      " + string.Concat(Enumerable.Range(FirstDays + 1, MonthDays).Select(d => d.ToString(CultureInfo.InvariantCulture).PadLeft(4))));
        table.AppendLine("fuzz     " + string.Concat(fuzzed.Select(n => n.ToString(CultureInfo.InvariantCulture).PadLeft(4))));
        table.AppendLine("balanced " + string.Concat(balanced.Select(n => n.ToString(CultureInfo.InvariantCulture).PadLeft(4))));
        table.AppendLine($"fuzz      {Spread.Of(fuzzed)}");
        table.AppendLine($"balanced  {Spread.Of(balanced)}");
        output.WriteLine(table.ToString());

        var (plain, even) = (Spread.Of(fuzzed), Spread.Of(balanced));
        Assert.True(even.StandardDeviation < plain.StandardDeviation, table.ToString());
        Assert.True(even.DayToDay < plain.DayToDay * 0.7, table.ToString());
        Assert.True(even.Max <= plain.Max && even.Min >= plain.Min, table.ToString());
    }
}
