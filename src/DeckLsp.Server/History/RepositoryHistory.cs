using DeckLsp.Core.History;
using DeckLsp.Core.Identity;
using DeckLsp.Core.Reviews;

namespace DeckLsp.Server.History;

/// <summary>
/// A deck repository's history: every device's log in <c>.decklsp/history/</c> is the truth, this device appends to its
/// own. Opening reads the logs; a cache in the user data folder keeps the states they derive to (each used only while
/// its card's ratings are the same, so a large history opens without replaying it all) and this machine's card texts.
/// While open, a refresh (a pull, another window) reads only the lines appended since. The cache can be deleted at any
/// time, and is written in the background: nothing waits for it.
/// </summary>
internal sealed class RepositoryHistory : HistorySource
{
    private readonly DeckRepository _repository;
    private readonly string _cachePath;
    private readonly Dictionary<string, LogPosition> _positions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);
    private readonly Lock _cacheGate = new();
    private Task _cacheWrites = Task.CompletedTask;
    private HistoryDatabase? _cache;
    private bool _cacheOpened;

    public RepositoryHistory(DeckRepository repository, string cachePath, ReviewReplay replay, string settings, string device, string? lockFolder = null)
        : base(replay, settings, device)
    {
        _repository = repository;
        _cachePath = cachePath;
        Log = new DeviceLog(repository.LogOf(device), device, lockFolder);
    }

    public DeckRepository Repository => _repository;

    /// <summary>This device's log.</summary>
    public DeviceLog Log { get; }

    public override string Name => _repository.Root;

    public override string PlacementPath(string fullPath) => _repository.RelativePath(fullPath);

    protected override (ReviewHistory History, Dictionary<DeckKey, Dictionary<CardKey, SeenCard>> Seen) LoadLocked()
    {
        Dictionary<ReviewKey, ReviewHistory.KeptState> kept = [];
        Dictionary<DeckKey, Dictionary<CardKey, SeenCard>> seen = [];
        if (Cache() is { } cache)
        {
            try
            {
                kept = cache.Read(transaction => cache.Derived(transaction, Settings));
                seen = cache.SeenTexts();
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or HistoryBusyException)
            {
                WarnOnce("cache", $"The history cache {_cachePath} could not be read ({e.Message}); every state is derived from {_repository.HistoryFolder}.");
            }
        }

        var history = ReadAll(kept);
        KeepDerived(history, history.Cards.Where(c => !kept.TryGetValue(c.Key, out var k) || k.Digest != history.KeptDigest(c.Value.Ratings))
            .Select(c => c.Key).ToList());
        return (history, seen);
    }

    protected override HistoryUpdate RefreshLocked(ReviewHistory current)
    {
        var logs = Logs();
        var reads = new List<(string Name, LogRead Read)>();
        foreach (var (path, device) in logs)
        {
            var name = Path.GetFileName(path);
            var from = _positions.GetValueOrDefault(name) ?? LogPosition.Start;
            var read = DeviceLog.Read(path, device, from.Offset, from.Lines, from.Offset == 0 ? null : from.Anchor);
            if (read.Rewritten)
            {
                WarnOnce("rewritten", $"The history log {path} was rewritten, not appended to; the history of {_repository.Root} is read again from its logs.");
                return Rebuild();
            }

            reads.Add((name, read));
        }

        // A log that vanished (a checkout of an older commit) leaves events behind that no log holds now.
        if (_positions.Keys.Any(name => reads.All(r => r.Name != name)))
        {
            return Rebuild();
        }

        var events = new List<HistoryEvent>();
        foreach (var (name, read) in reads)
        {
            Report(name, read);
            events.AddRange(read.Events);
            _positions[name] = new LogPosition(read.Next, read.NextLine, read.Anchor);
        }

        var update = current.With(events);
        KeepDerived(update.History, update.Cards);
        return update;
    }

    protected override (IReadOnlyList<HistoryEvent> Written, HistoryUpdate Update) AppendLocked(ReviewHistory current, IReadOnlyList<HistoryEvent> drafts)
    {
        // On disk, flushed and synced, before anything else: the rest only reads it back.
        var written = Log.Append(drafts, message => WarnOnce(message, message));
        return (written, RefreshLocked(current));
    }

    protected override void KeepSeenLocked(DeckKey deck, IReadOnlyList<(CardKey Card, SeenCard Seen)> cards) =>
        InBackground("keep card texts in", cache => cache.SetSeenTexts(deck, cards));

    private HistoryUpdate Rebuild()
    {
        var history = ReadAll(kept: null);
        KeepDerived(history, history.Cards.Select(c => c.Key).ToList());
        return HistoryUpdate.Replaced(history);
    }

    // Every log from its start.
    private ReviewHistory ReadAll(IReadOnlyDictionary<ReviewKey, ReviewHistory.KeptState>? kept)
    {
        _positions.Clear();
        var events = new List<HistoryEvent>();
        foreach (var (path, device) in Logs())
        {
            var read = DeviceLog.Read(path, device);
            Report(Path.GetFileName(path), read);
            events.AddRange(read.Events);
            _positions[Path.GetFileName(path)] = new LogPosition(read.Next, read.NextLine, read.Anchor);
        }

        return ReviewHistory.Build(Replay, events, kept);
    }

    private List<(string Path, string Device)> Logs() => Directory.Exists(_repository.HistoryFolder)
        ? Directory.EnumerateFiles(_repository.HistoryFolder, "*" + DeviceLog.Extension)
            .Select(path => (Path: path, Device: DeviceLog.DeviceOf(path)!))
            .Where(l => l.Device is not null)
            .OrderBy(l => l.Path, StringComparer.Ordinal)
            .ToList()
        : [];

    // The states the history derived for these keys, kept for the next open.
    private void KeepDerived(ReviewHistory history, IReadOnlyCollection<ReviewKey> keys)
    {
        if (keys.Count > 0)
        {
            InBackground("keep derived states in", cache => cache.Write(transaction =>
            {
                cache.SetDerived(transaction, Settings, history, keys);
                return 0;
            }));
        }
    }

    // Cache writes run one after another, off every caller's path: losing one loses no history, only time at the next open.
    private void InBackground(string what, Action<HistoryDatabase> write)
    {
        lock (_cacheGate)
        {
            _cacheWrites = _cacheWrites.ContinueWith(_ =>
            {
                try
                {
                    if (Cache() is { } cache)
                    {
                        write(cache);
                    }
                }
                catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or HistoryBusyException or ObjectDisposedException)
                {
                    WarnOnce("cache-write", $"Could not {what} the history cache {_cachePath} ({e.Message}); the history itself is safe in {_repository.HistoryFolder}.");
                }
            }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    /// <summary>Completes once every cache write asked for so far is done.</summary>
    public Task CacheWritten()
    {
        lock (_cacheGate)
        {
            return _cacheWrites;
        }
    }

    private void Report(string name, LogRead read)
    {
        foreach (var (line, problem) in read.Problems)
        {
            WarnOnce($"{name}:{line}", $"{Path.Combine(_repository.HistoryFolder, name)}:{line}: skipped, {problem}.");
        }
    }

    private HistoryDatabase? Cache()
    {
        lock (_cacheGate)
        {
            if (!_cacheOpened)
            {
                _cacheOpened = true;
                var (cache, warning) = HistoryDatabase.Open(_cachePath);
                _cache = cache;
                if (warning is not null)
                {
                    WarnOnce("cache-open", warning + (cache is null ? " Every state is derived from the repository's logs at each start." : ""));
                }
            }

            return _cache;
        }
    }

    private void WarnOnce(string key, string message)
    {
        bool first;
        lock (_warned)
        {
            first = _warned.Add(key);
        }

        if (first)
        {
            Warn?.Invoke(message);
        }
    }

    public override void Dispose()
    {
        CacheWritten().Wait(TimeSpan.FromSeconds(10));
        lock (_cacheGate)
        {
            _cache?.Dispose();
            _cache = null;
        }
    }
}
