using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.Tests.Scheduling;

/// <summary>A review sequence scheduled by ts-fsrs, with the options and fuzz seed strategy it used.</summary>
internal sealed record VectorSequence(
    string Name,
    FsrsOptions Options,
    IReadOnlyList<double>? EffectiveWeights,
    long? CardIdSeed,
    IReadOnlyList<VectorReview> Reviews)
{
    /// <summary>The seed ts-fsrs used: null means its default strategy; otherwise GenSeedStrategyWithCardId's String(card_id + reps).</summary>
    public string? FuzzSeedFor(CardMemory before) =>
        CardIdSeed is { } id ? (id + before.Reps + 1).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
}
