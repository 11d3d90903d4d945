using DeckLsp.Core.History;
using DeckLsp.Core.Identity;
using DeckLsp.Core.Reviews;
using DeckLsp.Server.Reviews;

namespace DeckLsp.Server.History;

/// <summary>
/// One place a history lives (docs/history.md), read into an immutable <see cref="ReviewHistory"/> snapshot and written
/// durably: a deck repository's logs (<see cref="RepositoryHistory"/>) or a self-contained database
/// (<see cref="DatabaseHistory"/>). Writes and refreshes are serialized; readers take <see cref="Current"/>.
/// </summary>
internal abstract class HistorySource(ReviewReplay replay, string settings, string device) : IDisposable
{
    // _gate orders loads, refreshes and appends (which read and write files); _seenGate only guards the texts, so a
    // reader of them (the editor opening a deck) never waits for the disk.
    private readonly Lock _gate = new();
    private readonly Lock _seenGate = new();
    private ReviewHistory _current = ReviewHistory.Empty(replay);
    private Dictionary<DeckKey, Dictionary<CardKey, SeenCard>> _seen = [];

    /// <summary>The scheduler and scale states are derived with.</summary>
    public ReviewReplay Replay { get; } = replay;

    /// <summary>The fingerprint of the scheduling settings: kept states derived with others are replayed again.</summary>
    protected string Settings { get; } = settings;

    /// <summary>This machine's device name: the log it appends to, the device its events carry.</summary>
    public string Device { get; } = device;

    /// <summary>The latest snapshot: every event read so far and what it derives to.</summary>
    public ReviewHistory Current => Volatile.Read(ref _current);

    /// <summary>What to call this history in a message: the repository's folder or the database's file.</summary>
    public abstract string Name { get; }

    /// <summary>Heard after each change of <see cref="Current"/>, with what changed.</summary>
    public event Action<HistorySource, HistoryUpdate>? Changed;

    /// <summary>Told of each problem worth a user's attention (a log line skipped, a cache set aside); each once.</summary>
    public Action<string>? Warn { get; set; }

    /// <summary>The path a deck is recorded under in this history: relative to a repository, else absolute.</summary>
    public abstract string PlacementPath(string fullPath);

    /// <summary>The deck key of the deck file at <paramref name="fullPath"/> whose front matter has <paramref name="id"/> (or none).</summary>
    public DeckKey DeckKeyOf(string fullPath, string? id) => Current.Placements.KeyOf(PlacementPath(fullPath), id);

    /// <summary>The normalized text of the deck's cards as this machine last saw them.</summary>
    public IReadOnlyDictionary<CardKey, CardFingerprint> SeenHere(DeckKey deck)
    {
        lock (_seenGate)
        {
            return _seen.TryGetValue(deck, out var cards) ? cards.ToDictionary(c => c.Key, c => c.Value.Text) : [];
        }
    }

    /// <summary>The title of a card as this machine last saw it, if it did.</summary>
    public string? TitleSeen(DeckKey deck, CardKey card)
    {
        lock (_seenGate)
        {
            return _seen.TryGetValue(deck, out var cards) && cards.TryGetValue(card, out var seen) ? seen.Title : null;
        }
    }

    /// <summary>
    /// Whether <see cref="Load"/> ran: until then <see cref="Current"/> is empty. Set only after the loaded history is
    /// published, so a reader that sees true also sees it (a request that waited for the load must not find every card new).
    /// </summary>
    public bool IsLoaded => Volatile.Read(ref _loaded);

    private bool _loaded;

    /// <summary>Reads what is there: from a cache where one is kept, then what is new since.</summary>
    public void Load()
    {
        HistoryUpdate update;
        lock (_gate)
        {
            var (history, seen) = LoadLocked();
            lock (_seenGate)
            {
                _seen = seen;
            }

            update = Publish(HistoryUpdate.Replaced(history));
            Volatile.Write(ref _loaded, true);
        }

        Notify(update);
    }

    /// <summary>Takes in what others appended since the last read (another window, a pull); returns what changed.</summary>
    public HistoryUpdate Refresh()
    {
        HistoryUpdate update;
        lock (_gate)
        {
            update = Publish(RefreshLocked(Current));
        }

        Notify(update);
        return update;
    }

    /// <summary>
    /// Appends <paramref name="drafts"/> (numbered here) durably: when this returns they are on disk, flushed and
    /// synced, and in <see cref="Current"/>. Throws when they could not be written; then nothing was.
    /// </summary>
    public IReadOnlyList<HistoryEvent> Append(IReadOnlyList<HistoryEvent> drafts)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        if (drafts.Count == 0)
        {
            return [];
        }

        IReadOnlyList<HistoryEvent> written;
        HistoryUpdate update;
        lock (_gate)
        {
            (written, update) = AppendLocked(Current, drafts);
            update = Publish(update);
        }

        Notify(update);
        return written;
    }

    /// <summary>Keeps the normalized text of some of a deck's cards as this machine sees them now.</summary>
    public void RecordSeen(DeckKey deck, IReadOnlyList<(CardKey Card, SeenCard Seen)> cards)
    {
        if (cards.Count == 0)
        {
            return;
        }

        List<(CardKey Card, SeenCard Seen)> changed;
        lock (_seenGate)
        {
            if (!_seen.TryGetValue(deck, out var known))
            {
                _seen[deck] = known = [];
            }

            changed = cards.Where(c => !known.TryGetValue(c.Card, out var seen) || seen != c.Seen).ToList();
            foreach (var (card, seen) in changed)
            {
                known[card] = seen;
            }
        }

        if (changed.Count > 0)
        {
            lock (_gate)
            {
                KeepSeenLocked(deck, changed);
            }
        }
    }

    protected abstract (ReviewHistory History, Dictionary<DeckKey, Dictionary<CardKey, SeenCard>> Seen) LoadLocked();

    protected abstract HistoryUpdate RefreshLocked(ReviewHistory current);

    protected abstract (IReadOnlyList<HistoryEvent> Written, HistoryUpdate Update) AppendLocked(ReviewHistory current, IReadOnlyList<HistoryEvent> drafts);

    protected abstract void KeepSeenLocked(DeckKey deck, IReadOnlyList<(CardKey Card, SeenCard Seen)> cards);

    protected ReviewHistory Empty() => ReviewHistory.Empty(Replay);

    // The new snapshot is visible at once; listeners hear of it after the lock is let go (they take other locks).
    private HistoryUpdate Publish(HistoryUpdate update)
    {
        DueLoads.Carry(update);
        Volatile.Write(ref _current, update.History);
        return update;
    }

    private void Notify(HistoryUpdate update)
    {
        if (!update.IsEmpty)
        {
            Changed?.Invoke(this, update);
        }
    }

    public abstract void Dispose();
}
