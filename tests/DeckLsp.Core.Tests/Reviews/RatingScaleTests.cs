using DeckLsp.Core.Reviews;
using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.Tests.Reviews;

/// <summary>The 1–5 rating: its default grades, its labels, and which custom mappings settings may hold.</summary>
public class RatingScaleTests
{
    [Theory]
    [InlineData(1, Grade.Again, "1 Not at all")]
    [InlineData(2, Grade.Again, "2")]
    [InlineData(3, Grade.Hard, "3")]
    [InlineData(4, Grade.Good, "4")]
    [InlineData(5, Grade.Easy, "5 Perfectly")]
    public void Default_scale_maps_each_rating_to_its_grade_and_label(int rating, Grade grade, string label)
    {
        Assert.Equal(grade, RatingScale.Default.GradeOf(rating));
        Assert.Equal(label, RatingScale.Label(rating));
        Assert.Equal(label, RatingScale.Labels[rating - 1]);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    [InlineData(-1)]
    public void Rating_outside_one_to_five_is_refused(int rating)
    {
        Assert.False(RatingScale.IsRating(rating));
        Assert.Throws<ArgumentOutOfRangeException>(() => RatingScale.Default.GradeOf(rating));
        Assert.Throws<ArgumentOutOfRangeException>(() => RatingScale.Label(rating));
    }

    public static TheoryData<string, Grade[], string?> Mappings => new()
    {
        { "the default", [Grade.Again, Grade.Again, Grade.Hard, Grade.Good, Grade.Easy], null },
        { "2 as hard", [Grade.Again, Grade.Hard, Grade.Hard, Grade.Good, Grade.Easy], null },
        { "all good", [Grade.Good, Grade.Good, Grade.Good, Grade.Good, Grade.Good], null },
        { "four grades", [Grade.Again, Grade.Hard, Grade.Good, Grade.Easy], "exactly 5 grades" },
        { "six grades", [Grade.Again, Grade.Again, Grade.Hard, Grade.Good, Grade.Easy, Grade.Easy], "exactly 5 grades" },
        { "a grade that is not one", [Grade.Again, (Grade)0, Grade.Hard, Grade.Good, Grade.Easy], "Rating 2 maps to 0" },
        { "a higher rating with a worse grade", [Grade.Again, Grade.Good, Grade.Hard, Grade.Good, Grade.Easy], "Rating 3 maps to Hard" },
    };

    [Theory]
    [MemberData(nameof(Mappings))]
    public void Mapping_is_validated(string name, Grade[] grades, string? problem)
    {
        var found = RatingScale.Validate(grades);

        if (problem is null)
        {
            Assert.True(found is null, $"{name}: {found}");
            Assert.Equal(grades, new RatingScale(grades).Grades);
        }
        else
        {
            Assert.Contains(problem, found);
            Assert.Throws<ArgumentException>(() => new RatingScale(grades));
        }
    }

    [Fact]
    public void Mapping_is_read_from_grade_names_in_any_case()
    {
        Assert.True(RatingScale.TryParse(["again", "Hard", " hard ", "GOOD", "easy"], out var scale, out var problem), problem);

        Assert.Equal([Grade.Again, Grade.Hard, Grade.Hard, Grade.Good, Grade.Easy], scale!.Grades);
    }

    [Theory]
    [InlineData("again,again,hard,good", "exactly 5 grades")]
    [InlineData("again,again,medium,good,easy", "\"medium\"")]
    [InlineData("again,again,3,good,easy", "\"3\"")]
    [InlineData("easy,again,hard,good,easy", "lower than rating 1")]
    public void Unreadable_mapping_names_the_problem(string names, string problem)
    {
        Assert.False(RatingScale.TryParse(names.Split(','), out var scale, out var found));

        Assert.Null(scale);
        Assert.Contains(problem, found);
    }
}
