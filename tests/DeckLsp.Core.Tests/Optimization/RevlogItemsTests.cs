using DeckLsp.Core.Interop;
using DeckLsp.Core.Optimization;
using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.Tests.Optimization;

/// <summary>A revlog as training items: the learning block, same-day reviews, the day boundary.</summary>
public sealed class RevlogItemsTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static RevlogRow Row(string card, double days, Grade grade, CardState state) => new(card, Start.AddDays(days), grade, state, 1000);

    private static string Show(IEnumerable<FsrsItem> items) =>
        string.Join(" | ", items.Select(i => string.Join(" ", i.Reviews.ToArray().Select(r => $"{r.Rating}@{r.DeltaT}"))));

    [Fact]
    public void Same_day_reviews_stay_in_the_history_and_give_no_item()
    {
        var items = RevlogItems.From(
        [
            Row("a", 0, Grade.Again, CardState.New),
            Row("a", 0.01, Grade.Good, CardState.Learning),
            Row("a", 1, Grade.Good, CardState.Review),
            Row("a", 4, Grade.Again, CardState.Review),
            Row("a", 4.01, Grade.Good, CardState.Relearning),
        ], RevlogItems.DayIn(TimeZoneInfo.Utc));
        Assert.Equal("1@0 3@0 3@1 | 1@0 3@0 3@1 1@3", Show(items));
    }

    [Fact]
    public void Only_the_last_learning_block_counts_after_a_reset()
    {
        var items = RevlogItems.From(
        [
            Row("a", 0, Grade.Good, CardState.New),
            Row("a", 2, Grade.Good, CardState.Review),
            Row("a", 5, Grade.Hard, CardState.New),
            Row("a", 6, Grade.Easy, CardState.Review),
        ], RevlogItems.DayIn(TimeZoneInfo.Utc));
        Assert.Equal("2@0 4@1", Show(items));
    }

    [Fact]
    public void A_card_never_learned_gives_no_item()
    {
        var items = RevlogItems.From([Row("a", 0, Grade.Good, CardState.Review), Row("a", 3, Grade.Good, CardState.Review)], RevlogItems.DayIn(TimeZoneInfo.Utc));
        Assert.Empty(items);
    }

    [Fact]
    public void The_day_starts_at_the_hour_given_in_the_zone_given()
    {
        // 23:30 and 02:00 the next night, UTC: one day when the day starts at 4:00, two when it starts at midnight.
        RevlogRow[] rows =
        [
            new("a", new DateTimeOffset(2025, 3, 1, 23, 30, 0, TimeSpan.Zero), Grade.Good, CardState.New, 1000),
            new("a", new DateTimeOffset(2025, 3, 3, 2, 0, 0, TimeSpan.Zero), Grade.Good, CardState.Learning, 1000),
        ];
        Assert.Equal("3@0 3@1", Show(RevlogItems.From(rows, RevlogItems.DayIn(TimeZoneInfo.Utc, nextDayStartsAt: 4))));
        Assert.Equal("3@0 3@2", Show(RevlogItems.From(rows, RevlogItems.DayIn(TimeZoneInfo.Utc))));
    }

    [Fact]
    public void Items_are_ordered_by_the_time_of_their_review()
    {
        var items = RevlogItems.From(
        [
            Row("b", 0, Grade.Good, CardState.New),
            Row("a", 1, Grade.Again, CardState.New),
            Row("b", 3, Grade.Hard, CardState.Review),
            Row("a", 2, Grade.Good, CardState.Learning),
        ], RevlogItems.DayIn(TimeZoneInfo.Utc));
        Assert.Equal("1@0 3@1 | 3@0 2@3", Show(items));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("card,time\n", "header must name")]
    [InlineData("card_id,review_time,review_rating,review_state,review_duration\na,x,3,0,100\n", "line 2")]
    [InlineData("card_id,review_time,review_rating,review_state,review_duration\na,1,5,0,100\n", "line 2")]
    public void A_broken_revlog_is_a_problem_naming_its_line(string text, string expected)
    {
        var (rows, problem) = FsrsRevlogFormat.Read(text);
        Assert.Empty(rows);
        Assert.Contains(expected, problem);
    }

    [Fact]
    public void Read_gives_back_what_write_wrote_without_manual_rows()
    {
        RevlogRow[] rows = [Row("a", 0, Grade.Good, CardState.New), Row("a", 2, Grade.Again, CardState.Review)];
        var (read, problem) = FsrsRevlogFormat.Read(FsrsRevlogFormat.Write(rows) + "a,1740000000000,0,2,0\n");
        Assert.Null(problem);
        Assert.Equal(rows, read);
    }
}
