namespace DeckLsp.Core.Reviews;

/// <summary>Which cards a study session takes.</summary>
public enum SessionMode
{
    /// <summary>Due learning cards, then due reviews, then new cards up to the daily limit.</summary>
    Due,

    /// <summary>Every card in scope, now, in deck order, ignoring due dates and the daily limit; ratings schedule as usual.</summary>
    All,

    /// <summary>
    /// Every card in scope, in deck order; ratings are logged as cram ratings, which leave every schedule alone, and a
    /// card rated Again comes back at the end of the session.
    /// </summary>
    Cram,

    /// <summary>One chosen card, even if it is not due.</summary>
    Single,
}
