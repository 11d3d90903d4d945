namespace DeckLsp.Core.Scheduling;

/// <summary>ts-fsrs's BasicLearningStepsStrategy: which step and wait each grade leads to.</summary>
internal static class LearningSteps
{
    /// <summary>The step for <paramref name="grade"/>, or null when the grade leaves the steps (graduates).</summary>
    public static LearningStep? For(FsrsOptions options, CardState state, int currentStep, Grade grade)
    {
        var steps = state is CardState.Relearning or CardState.Review ? options.RelearningSteps : options.LearningSteps;
        var count = steps.Count;
        if (count == 0 || currentStep >= count)
        {
            return null;
        }

        var stepMinutes = Minutes(steps[Math.Max(0, currentStep)]);
        if (state == CardState.Review)
        {
            // A lapse starts relearning at the card's current step (0 unless it graduated through a ≥1 day step).
            return grade == Grade.Again ? new LearningStep(stepMinutes, 0) : null;
        }

        switch (grade)
        {
            case Grade.Again:
                return new LearningStep(Minutes(steps[0]), 0);
            case Grade.Hard:
                var hard = count == 1
                    ? JsMath.Round(Minutes(steps[0]) * 1.5)
                    : JsMath.Round((Minutes(steps[0]) + Minutes(steps[1])) / 2);
                return new LearningStep(hard, currentStep);
            case Grade.Good:
                if (currentStep + 1 >= count)
                {
                    return null;
                }

                // ts-fsrs tests the next step's minutes for truthiness, so a zero-length step graduates.
                var next = Minutes(steps[currentStep + 1]);
                return next != 0 ? new LearningStep(JsMath.Round(next), currentStep + 1) : null;
            default:
                return null;
        }
    }

    private static double Minutes(TimeSpan step) => step.TotalMinutes;
}
