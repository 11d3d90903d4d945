using DeckLsp.Core.History;
using DeckLsp.Core.Identity;
using DeckLsp.Core.Reviews;
using DeckLsp.Server.History;

namespace DeckLsp.Server.Reviews;

/// <summary>Where a study card comes from: its deck, its history and its keys, so it can be found again after edits.</summary>
internal sealed record SessionItem(string Uri, HistorySource Source, CardKey CardKey, ReviewKey ReviewKey);

/// <summary>
/// One study session: the queue, the card on screen, and the ratings given (so the last can be undone). Mutated only
/// under its own lock: a rating and an undo of the same session never interleave.
/// </summary>
internal sealed class ReviewSession(string id, SessionMode mode, IReadOnlyDictionary<string, SessionItem> items, ReviewQueue queue, DateTimeOffset started)
{
    public string Id { get; } = id;

    public SessionMode Mode { get; } = mode;

    public Lock Gate { get; } = new();

    /// <summary>Study items by the queue's key (<see cref="ReviewKey.ToString"/>).</summary>
    public IReadOnlyDictionary<string, SessionItem> Items { get; } = items;

    public ReviewQueue Queue { get; set; } = queue;

    /// <summary>The queue key of the card on screen, or null when the session is over.</summary>
    public string? Current { get; set; }

    /// <summary>The ratings given, last on top: the event each was logged as, its card, and the queue before it.</summary>
    public Stack<(EventId Rating, string Key, ReviewQueue QueueBefore)> Rated { get; } = new();

    public int[] Ratings { get; } = new int[6];

    public DateTimeOffset Started { get; } = started;

    /// <summary>The HTML last sent for the current card, so an edit that changes nothing visible sends nothing.</summary>
    public string? ShownFront { get; set; }

    public string? ShownBack { get; set; }
}
