namespace DeckLsp.Core.Scheduling;

/// <summary>What a (re)learning step prescribes for one grade: wait this long, then be at this step.</summary>
internal readonly record struct LearningStep(double ScheduledMinutes, int NextStep);
