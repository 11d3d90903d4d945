using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.Reviews;

/// <summary>
/// A study session's order, as Anki keeps it: cards planned up front, plus (re)learning cards that come back once their
/// step is due. Immutable: <see cref="Rated"/> returns the next queue.
/// </summary>
public sealed class ReviewQueue
{
    private readonly SessionCard[] _pending;
    private readonly LearningCard[] _learning;
    private readonly TimeSpan _learnAhead;

    private ReviewQueue(SessionCard[] pending, LearningCard[] learning, TimeSpan learnAhead)
    {
        _pending = pending;
        _learning = learning;
        _learnAhead = learnAhead;
    }

    /// <summary>Cards planned and not yet rated, in the order they will be shown.</summary>
    public IReadOnlyList<SessionCard> Pending => Array.AsReadOnly(_pending);

    /// <summary>Cards in a learning step, earliest due first: each is shown again once due (or ahead, when nothing else is left).</summary>
    public IReadOnlyList<LearningCard> Learning => Array.AsReadOnly(_learning);

    public int Count => _pending.Length + _learning.Length;

    public bool IsEmpty => Count == 0;

    /// <summary>
    /// Plans a session. <see cref="SessionMode.Due"/>: learning cards due now (earliest first), then reviews due now
    /// (earliest first), then new cards in deck order up to the daily limit less <paramref name="newIntroducedToday"/>;
    /// learning cards not yet due wait in <see cref="Learning"/>. <see cref="SessionMode.All"/>: every card in deck
    /// order. <see cref="SessionMode.Single"/>: the card keyed <paramref name="singleKey"/>, due or not.
    /// </summary>
    public static ReviewQueue Plan(
        IEnumerable<SessionCard> cards,
        DateTimeOffset now,
        SessionMode mode,
        int newIntroducedToday = 0,
        SessionOptions? options = null,
        string? singleKey = null)
    {
        ArgumentNullException.ThrowIfNull(cards);
        options ??= SessionOptions.Default;
        if (options.NewCardsPerDay < 0 || options.LearnAheadLimit < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The new-card limit and the learn-ahead limit cannot be negative.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var scope = cards.Where(c => seen.Add(c.Key)).ToList();
        switch (mode)
        {
            case SessionMode.All or SessionMode.Cram:
                return new ReviewQueue([.. scope.OrderBy(c => c.Position)], [], options.LearnAheadLimit);
            case SessionMode.Single:
                ArgumentNullException.ThrowIfNull(singleKey);
                return new ReviewQueue([.. scope.Where(c => c.Key == singleKey)], [], options.LearnAheadLimit);
            case SessionMode.Due:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown session mode.");
        }

        var learningDue = scope.Where(c => c.IsLearning && c.Memory!.Due <= now).OrderBy(c => c.Memory!.Due).ThenBy(c => c.Position);
        var reviewsDue = scope.Where(c => c is { IsNew: false, IsLearning: false } && c.Memory!.Due <= now)
            .OrderBy(c => c.Memory!.Due).ThenBy(c => c.Position);
        var newAllowed = Math.Max(0, options.NewCardsPerDay - Math.Max(0, newIntroducedToday));
        var fresh = scope.Where(c => c.IsNew).OrderBy(c => c.Position).Take(newAllowed);
        var waiting = scope.Where(c => c.IsLearning && c.Memory!.Due > now)
            .OrderBy(c => c.Memory!.Due).ThenBy(c => c.Position)
            .Select(c => new LearningCard(c.Key, c.Memory!.Due));
        return new ReviewQueue([.. learningDue, .. reviewsDue, .. fresh], [.. waiting], options.LearnAheadLimit);
    }

    /// <summary>
    /// The key of the card to show at <paramref name="now"/>: a learning card that is due, else the next planned card,
    /// else a learning card due within the learn-ahead limit; null when there is nothing to show now (see <see cref="WaitUntil"/>).
    /// </summary>
    public string? Next(DateTimeOffset now)
    {
        if (_learning.Length > 0 && _learning[0].Due <= now)
        {
            return _learning[0].Key;
        }

        if (_pending.Length > 0)
        {
            return _pending[0].Key;
        }

        return _learning.Length > 0 && _learning[0].Due <= now + _learnAhead ? _learning[0].Key : null;
    }

    /// <summary>When the session has nothing to show at <paramref name="now"/> but learning cards remain, the time the first is due.</summary>
    public DateTimeOffset? WaitUntil(DateTimeOffset now) =>
        Next(now) is null && _learning.Length > 0 ? _learning[0].Due : null;

    /// <summary>
    /// The queue after the card <paramref name="key"/> was rated in a cram session: it leaves the queue, or, when
    /// <paramref name="again"/>, goes to its end (cram has no schedule to wait for).
    /// </summary>
    public ReviewQueue Crammed(string key, bool again)
    {
        ArgumentNullException.ThrowIfNull(key);
        var card = Array.Find(_pending, c => c.Key == key);
        var pending = _pending.Where(c => c.Key != key).ToList();
        if (again && card is not null)
        {
            pending.Add(card);
        }

        return new ReviewQueue([.. pending], _learning, _learnAhead);
    }

    /// <summary>The queue after the card <paramref name="key"/> was rated and scheduled to <paramref name="after"/>.</summary>
    public ReviewQueue Rated(string key, CardMemory after)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(after);
        var pendingIndex = Array.FindIndex(_pending, c => c.Key == key);
        var pending = pendingIndex < 0 ? _pending : [.. _pending[..pendingIndex], .. _pending[(pendingIndex + 1)..]];
        var learning = _learning.Where(l => l.Key != key).ToList();
        if (after.State is CardState.Learning or CardState.Relearning)
        {
            // After every card already waiting for the same time, so equal steps come back in the order they were rated.
            var at = learning.FindIndex(l => l.Due > after.Due);
            learning.Insert(at < 0 ? learning.Count : at, new LearningCard(key, after.Due));
        }

        return new ReviewQueue(pending, [.. learning], _learnAhead);
    }
}
