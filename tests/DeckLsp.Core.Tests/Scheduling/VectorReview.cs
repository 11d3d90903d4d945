using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.Tests.Scheduling;

/// <summary>One review from vectors.json: when, which grade, and what ts-fsrs returned.</summary>
internal sealed record VectorReview(DateTimeOffset Review, Grade Grade, double Retrievability, CardMemory Expected);
