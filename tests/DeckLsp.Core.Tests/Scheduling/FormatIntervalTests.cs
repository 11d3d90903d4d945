using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.Tests.Scheduling;

/// <summary>Short human labels for intervals, as shown next to answer buttons.</summary>
public sealed class FormatIntervalTests
{
    [Theory]
    [InlineData(0, "0s")]
    [InlineData(45, "45s")]
    [InlineData(60, "1m")]
    [InlineData(10 * 60, "10m")]
    [InlineData((59 * 60) + 50, "1h")]
    [InlineData(3 * 3600, "3h")]
    [InlineData(90 * 60, "1.5h")]
    [InlineData(3 * 86400, "3d")]
    [InlineData((2 * 86400) + (13 * 3600), "3d")]
    [InlineData(29 * 86400, "29d")]
    [InlineData(60 * 86400, "2mo")]
    [InlineData(45 * 86400, "1.5mo")]
    [InlineData(365 * 86400, "1y")]
    [InlineData(547.5 * 86400, "1.5y")]
    [InlineData(36500.0 * 86400, "100y")]
    [InlineData(-10 * 60, "-10m")]
    public void Interval_label(double seconds, string expected) =>
        Assert.Equal(expected, FsrsScheduler.FormatInterval(TimeSpan.FromSeconds(seconds)));

    [Fact]
    public void Labels_for_the_default_learning_steps()
    {
        var scheduler = new FsrsScheduler(new FsrsOptions());
        var preview = scheduler.Preview(CardMemory.New(TestCards.Start), TestCards.Start);

        var labels = Enum.GetValues<Grade>().Select(g => FsrsScheduler.FormatInterval(preview[g].Due - TestCards.Start));

        Assert.Equal(["1m", "6m", "10m", "8d"], labels);
    }
}
