namespace DeckLsp.Core.Reviews;

/// <summary>A card of the session in a (re)learning step, waiting to come back at <paramref name="Due"/>.</summary>
public sealed record LearningCard(string Key, DateTimeOffset Due);
