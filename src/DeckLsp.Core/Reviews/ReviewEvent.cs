namespace DeckLsp.Core.Reviews;

/// <summary>One entry of the raw review log: which card, the 1–5 rating as given, when (UTC) and how long it took.</summary>
/// <param name="CardKey">The reviewed card's key (for a cloze deletion, the card's key + "#c" + its index).</param>
/// <param name="Rating">The rating the user gave, 1 to 5; mapped to a grade only when scheduling, so the map can change.</param>
/// <param name="ReviewedAt">When the rating was given, in UTC.</param>
/// <param name="DurationMs">Time from showing the card to the rating, in milliseconds.</param>
public sealed record ReviewEvent(string CardKey, int Rating, DateTimeOffset ReviewedAt, long DurationMs);
