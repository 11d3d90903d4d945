namespace DeckLsp.Core.Identity;

/// <summary>How similar a changed card must be to a known one to inherit its key.</summary>
public sealed record IdentityOptions
{
    public static IdentityOptions Default { get; } = new();

    /// <summary>Least similarity (0..1) to link; below it the card is new and the known card orphaned.</summary>
    public double Threshold { get; init; } = 0.6;

    /// <summary>How far the best match must lead the second best, on both sides, so a link is never a coin toss.</summary>
    public double Margin { get; init; } = 0.1;

    /// <summary>Share of the question in the similarity (the answer has the rest): a card is named by its question.</summary>
    public double QuestionWeight { get; init; } = 0.7;

    /// <summary>Most card pairs compared; beyond it each card is compared with those near its place in the deck only.</summary>
    public int MaxComparisons { get; init; } = 1_000_000;
}
