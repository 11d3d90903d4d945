namespace DeckLsp.Core.Reviews;

/// <summary>Session settings: the daily new-card limit and how far ahead a learning card may be shown when nothing else is left.</summary>
public sealed record SessionOptions
{
    public static SessionOptions Default { get; } = new();

    /// <summary>New cards a day; those already introduced today count against it.</summary>
    public int NewCardsPerDay { get; init; } = 20;

    /// <summary>Anki's learn-ahead limit: with nothing else left, a learning card due within this is shown rather than ending.</summary>
    public TimeSpan LearnAheadLimit { get; init; } = TimeSpan.FromMinutes(20);

    /// <summary>The order of due reviews: earliest due, or lowest retrievability first.</summary>
    public ReviewOrder ReviewOrder { get; init; } = ReviewOrder.Due;
}
