using DeckLsp.Core.History;
using DeckLsp.Core.Identity;
using DeckLsp.Core.Reviews;

namespace DeckLsp.Server.History;

/// <summary>
/// A deck repository's history: every device's log in <c>.decklsp/history/</c> is the truth, this device appends to its
/// own, and a cache in the user data folder keeps the events read, how far each log was read, and derived states, so a
/// large history opens without replaying it all and a pull reads only the new lines. The cache can be deleted at any
/// time; a damaged or stale one is rebuilt from the logs.
/// </summary>
internal sealed class RepositoryHistory : HistorySource
{
    private readonly DeckRepository _repository;
    private readonly string _cachePath;
    private readonly Dictionary<string, LogPosition> _positions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _warned = new(StringComparer.Ordinal);
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
        var history = Empty();
        var seen = new Dictionary<DeckKey, Dictionary<CardKey, SeenCard>>();
        if (Cache() is { } cache)
        {
            try
            {
                (history, seen) = FromCache(cache);
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or HistoryBusyException or InvalidDataException)
            {
                WarnOnce("cache", $"The history cache {cache.Path} could not be read ({e.Message}); the history is read from {_repository.HistoryFolder}.");
                _positions.Clear();
                history = Empty();
            }
        }

        return (RefreshLocked(history).History, seen);
    }

    protected override HistoryUpdate RefreshLocked(ReviewHistory current)
    {
        var (update, positions) = ReadLogs(current);
        if (update.Whole || !update.IsEmpty || positions.Count > 0)
        {
            Keep(update, positions);
        }

        return update;
    }

    protected override (IReadOnlyList<HistoryEvent> Written, HistoryUpdate Update) AppendLocked(ReviewHistory current, IReadOnlyList<HistoryEvent> drafts)
    {
        // On disk, flushed and synced, before anything else: the rest only reads it back.
        var written = Log.Append(drafts, message => WarnOnce(message, message));
        return (written, RefreshLocked(current));
    }

    protected override void KeepSeenLocked(DeckKey deck, IReadOnlyList<(CardKey Card, SeenCard Seen)> cards)
    {
        try
        {
            Cache()?.SetSeenTexts(deck, cards);
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or HistoryBusyException)
        {
            // The text is a help for relinking, kept in memory for this session: losing it loses no history.
            WarnOnce("seen", $"The history cache {_cachePath} could not be written ({e.Message}).");
        }
    }

    private (ReviewHistory, Dictionary<DeckKey, Dictionary<CardKey, SeenCard>>) FromCache(HistoryDatabase cache)
    {
        var (stored, sources, kept) = cache.Read(transaction =>
            (cache.EventsAfter(transaction, 0), cache.Sources(transaction), cache.Derived(transaction, Settings)));
        var events = new List<HistoryEvent>(stored.Count);
        foreach (var e in stored)
        {
            var (read, problem) = HistoryLine.Parse(e.Device, e.Line);
            events.Add(read ?? throw new InvalidDataException($"a cached event of {e.Device} does not read ({problem})"));
        }

        foreach (var (name, position) in sources)
        {
            _positions[name] = position;
        }

        return (ReviewHistory.Build(Replay, events, kept), cache.SeenTexts());
    }

    // Reads what each log has beyond what was read; a log rewritten under us (not an append) means reading all again.
    private (HistoryUpdate Update, Dictionary<string, LogPosition> Positions) ReadLogs(ReviewHistory current)
    {
        var logs = Directory.Exists(_repository.HistoryFolder)
            ? Directory.EnumerateFiles(_repository.HistoryFolder, "*" + DeviceLog.Extension)
                .Select(path => (Path: path, Device: DeviceLog.DeviceOf(path))).Where(l => l.Device is not null).OrderBy(l => l.Path, StringComparer.Ordinal).ToList()
            : [];
        var reads = new List<(string Name, LogRead Read)>();
        foreach (var (path, device) in logs)
        {
            var name = Path.GetFileName(path);
            var from = _positions.GetValueOrDefault(name) ?? LogPosition.Start;
            var read = DeviceLog.Read(path, device!, from.Offset, from.Lines, from.Offset == 0 ? null : from.Anchor);
            if (read.Rewritten)
            {
                WarnOnce("rewritten", $"The history log {path} was rewritten, not appended to; the history of {_repository.Root} is read again from its logs.");
                return Rebuild(logs);
            }

            reads.Add((name, read));
        }

        // A log that vanished (a checkout of an older commit) leaves events behind that no log holds now.
        if (_positions.Keys.Any(name => reads.All(r => r.Name != name)))
        {
            return Rebuild(logs);
        }

        var positions = new Dictionary<string, LogPosition>(StringComparer.Ordinal);
        var events = new List<HistoryEvent>();
        foreach (var (name, read) in reads)
        {
            Report(name, read);
            events.AddRange(read.Events);
            var position = new LogPosition(read.Next, read.NextLine, read.Anchor);
            if (_positions.GetValueOrDefault(name) != position)
            {
                positions[name] = position;
                _positions[name] = position;
            }
        }

        return (current.With(events), positions);
    }

    private (HistoryUpdate, Dictionary<string, LogPosition>) Rebuild(List<(string Path, string? Device)> logs)
    {
        _positions.Clear();
        var events = new List<HistoryEvent>();
        foreach (var (path, device) in logs)
        {
            var read = DeviceLog.Read(path, device!);
            Report(Path.GetFileName(path), read);
            events.AddRange(read.Events);
            _positions[Path.GetFileName(path)] = new LogPosition(read.Next, read.NextLine, read.Anchor);
        }

        try
        {
            Cache()?.Write(transaction =>
            {
                _cache!.Clear(transaction);
                return 0;
            });
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or HistoryBusyException)
        {
            WarnOnce("cache", $"The history cache {_cachePath} could not be cleared ({e.Message}).");
        }

        return (HistoryUpdate.Replaced(ReviewHistory.Build(Replay, events)), new Dictionary<string, LogPosition>(_positions));
    }

    // The cache follows the logs: the new events, how far each log was read, the states the new events changed.
    private void Keep(HistoryUpdate update, Dictionary<string, LogPosition> positions)
    {
        if (Cache() is not { } cache)
        {
            return;
        }

        try
        {
            cache.Write(transaction =>
            {
                cache.Mirror(transaction, update.Whole ? AllEvents(update) : update.Added);
                foreach (var (name, position) in positions)
                {
                    cache.SetSource(transaction, name, position);
                }

                cache.SetDerived(transaction, Settings, update.History, update.Cards);
                return 0;
            });
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or HistoryBusyException)
        {
            WarnOnce("cache", $"The history cache {_cachePath} could not be written ({e.Message}); the history itself is safe in {_repository.HistoryFolder}.");
        }
    }

    // A rebuilt history's events: read again from the logs (a Whole update carries none of its own).
    private IEnumerable<HistoryEvent> AllEvents(HistoryUpdate update)
    {
        foreach (var path in Directory.Exists(_repository.HistoryFolder) ? Directory.EnumerateFiles(_repository.HistoryFolder, "*" + DeviceLog.Extension) : [])
        {
            if (DeviceLog.DeviceOf(path) is { } device)
            {
                foreach (var e in DeviceLog.Read(path, device).Events)
                {
                    yield return e;
                }
            }
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
        if (!_cacheOpened)
        {
            _cacheOpened = true;
            var (cache, warning) = HistoryDatabase.Open(_cachePath);
            _cache = cache;
            if (warning is not null)
            {
                WarnOnce("cache-open", warning + (cache is null ? " The history is read from the repository's logs at each start." : ""));
            }
        }

        return _cache;
    }

    private void WarnOnce(string key, string message)
    {
        if (_warned.Add(key))
        {
            Warn?.Invoke(message);
        }
    }

    public override void Dispose() => _cache?.Dispose();
}
