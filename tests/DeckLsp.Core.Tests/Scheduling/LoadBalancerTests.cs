using DeckLsp.Core.Scheduling;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DeckLsp.Core.Tests.Scheduling;

/// <summary>Anki's load balancer: a seeded, weighted draw within the fuzz range that favours the days with fewer cards due.</summary>
public sealed class LoadBalancerTests
{
    [Fact]
    public void The_one_empty_day_of_a_loaded_range_is_chosen_whatever_the_seed()
    {
        // Days 10–14 with 30 cards due on each but day 12.
        int DueOn(int days) => days == 12 ? 0 : 30;

        var chosen = Enumerable.Range(0, 200).Select(i => LoadBalancer.Choose(10, 14, DueOn, $"card-{i}/3")).ToHashSet();

        Assert.Equal([12], chosen);
    }

    [Fact]
    public void The_lighter_of_two_loaded_days_is_chosen_far_more_often()
    {
        int DueOn(int days) => days == 8 ? 4 : 12;

        var draws = Enumerable.Range(0, 1000).Select(i => LoadBalancer.Choose(7, 9, DueOn, $"card-{i}/5")).ToList();

        var lighter = draws.Count(d => d == 8);
        Assert.True(lighter > 800, $"day 8 (4 due) was chosen {lighter} times of 1000 against days of 12 due");
    }

    [Fact]
    public void Between_equally_loaded_days_the_earlier_is_favoured_by_the_distance_penalty()
    {
        var draws = Enumerable.Range(0, 1000).Select(i => LoadBalancer.Choose(20, 30, _ => 5, $"k{i}/2")).ToList();

        Assert.True(draws.Count(d => d < 25) > draws.Count(d => d > 25), $"early {draws.Count(d => d < 25)}, late {draws.Count(d => d > 25)}");
        Assert.Equal(11, draws.Distinct().Count());
    }

    [Fact]
    public void Weights_are_ankis()
    {
        Assert.Equal(1.0, LoadBalancer.Weight(5, 0));
        Assert.Equal(Math.Pow(1.0 / 3, 2.15) * Math.Pow(1.0 / 5, 3), LoadBalancer.Weight(5, 3), 15);
    }

    [Fact]
    public void A_range_that_is_not_a_range_of_days_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LoadBalancer.Choose(5, 4, _ => 0, "s"));
        Assert.Throws<ArgumentOutOfRangeException>(() => LoadBalancer.Choose(0, 4, _ => 0, "s"));
    }

    public sealed record Draw(int Minimum, int Width, int[] Loads, string Seed);

    public static Arbitrary<Draw> Draws() =>
        (from minimum in Gen.Choose(1, 120)
         from width in Gen.Choose(0, 12)
         from loads in Gen.Choose(0, 60).ArrayOf(width + 1)
         from seed in Gen.Elements("a/1", "~0123456789ab/4", "deck#c2/17", "x")
         select new Draw(minimum, width, loads, seed)).ToArbitrary();

    [Property(MaxTest = 300, Arbitrary = [typeof(LoadBalancerTests)])]
    public bool The_day_is_within_the_range_and_the_same_for_the_same_inputs(Draw draw)
    {
        int DueOn(int days) => draw.Loads[days - draw.Minimum];
        var day = LoadBalancer.Choose(draw.Minimum, draw.Minimum + draw.Width, DueOn, draw.Seed);
        return day >= draw.Minimum && day <= draw.Minimum + draw.Width
            && day == LoadBalancer.Choose(draw.Minimum, draw.Minimum + draw.Width, DueOn, draw.Seed);
    }

    [Fact]
    public void The_seed_decides_between_days_of_equal_weight()
    {
        var days = Enumerable.Range(0, 50).Select(i => LoadBalancer.Choose(6, 8, _ => 0, $"card-{i}/1")).ToHashSet();

        Assert.Equal([6, 7, 8], days.Order());
    }
}
