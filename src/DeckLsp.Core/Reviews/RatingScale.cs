using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.Reviews;

/// <summary>How the 1–5 rating a user gives ("How well did you know this?") maps to an FSRS grade, and what each rating is called.</summary>
public sealed class RatingScale
{
    public const int Lowest = 1;

    public const int Highest = 5;

    private static readonly string[] LabelTexts = ["1 Not at all", "2", "3", "4", "5 Perfectly"];

    private readonly Grade[] _grades;

    /// <summary>The product default: 1 and 2 Again, 3 Hard, 4 Good, 5 Easy.</summary>
    public static RatingScale Default { get; } = new([Grade.Again, Grade.Again, Grade.Hard, Grade.Good, Grade.Easy]);

    /// <summary>The labels of ratings 1 to 5, in order, for buttons and prompts.</summary>
    public static IReadOnlyList<string> Labels { get; } = Array.AsReadOnly(LabelTexts);

    /// <param name="grades">The grade of rating 1, 2, 3, 4 and 5 in turn.</param>
    /// <exception cref="ArgumentException">When <see cref="Validate"/> finds a problem.</exception>
    public RatingScale(IReadOnlyList<Grade> grades)
    {
        if (Validate(grades) is { } problem)
        {
            throw new ArgumentException(problem, nameof(grades));
        }

        _grades = grades.ToArray();
    }

    /// <summary>The grade of rating 1, 2, 3, 4 and 5 in turn.</summary>
    public IReadOnlyList<Grade> Grades => Array.AsReadOnly(_grades);

    public static bool IsRating(int rating) => rating is >= Lowest and <= Highest;

    public static string Label(int rating) => IsRating(rating)
        ? LabelTexts[rating - Lowest]
        : throw new ArgumentOutOfRangeException(nameof(rating), rating, "A rating is 1 to 5.");

    public Grade GradeOf(int rating) => IsRating(rating)
        ? _grades[rating - Lowest]
        : throw new ArgumentOutOfRangeException(nameof(rating), rating, "A rating is 1 to 5.");

    /// <summary>
    /// What is wrong with a mapping, as a sentence for a settings error, or null when it is usable: five grades, each
    /// Again, Hard, Good or Easy, never lower for a higher rating (a better answer must not bring a card back sooner).
    /// </summary>
    public static string? Validate(IReadOnlyList<Grade>? grades)
    {
        if (grades is null || grades.Count != Highest - Lowest + 1)
        {
            return $"The rating scale needs exactly {Highest - Lowest + 1} grades, one for each rating from {Lowest} to {Highest}.";
        }

        for (var i = 0; i < grades.Count; i++)
        {
            if (grades[i] is < Grade.Again or > Grade.Easy)
            {
                return $"Rating {i + Lowest} maps to {(int)grades[i]}, which is not a grade: use again, hard, good or easy.";
            }

            if (i > 0 && grades[i] < grades[i - 1])
            {
                return $"Rating {i + Lowest} maps to {grades[i]}, lower than rating {i - 1 + Lowest}'s {grades[i - 1]}: a higher rating must not mean a worse grade.";
            }
        }

        return null;
    }

    /// <summary>Reads a mapping written as grade names ("again", "hard", "good", "easy", any case), as settings hold it.</summary>
    public static bool TryParse(IReadOnlyList<string>? names, out RatingScale? scale, out string? problem)
    {
        scale = null;
        if (names is null || names.Count != Highest - Lowest + 1)
        {
            problem = Validate(null);
            return false;
        }

        var grades = new Grade[names.Count];
        for (var i = 0; i < names.Count; i++)
        {
            // Enum.TryParse would also take "1" or "Again, Easy"; settings should name a grade.
            if (!Enum.GetNames<Grade>().Any(n => string.Equals(n, names[i]?.Trim(), StringComparison.OrdinalIgnoreCase)))
            {
                problem = $"Rating {i + Lowest} maps to \"{names[i]}\", which is not a grade: use again, hard, good or easy.";
                return false;
            }

            grades[i] = Enum.Parse<Grade>(names[i].Trim(), ignoreCase: true);
        }

        problem = Validate(grades);
        if (problem is not null)
        {
            return false;
        }

        scale = new RatingScale(grades);
        return true;
    }
}
