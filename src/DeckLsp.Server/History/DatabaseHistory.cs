using DeckLsp.Core.History;
using DeckLsp.Core.Identity;
using DeckLsp.Core.Reviews;
using Microsoft.Data.Sqlite;

namespace DeckLsp.Server.History;

/// <summary>
/// A self-contained history in one SQLite file: the per-user history (decks outside any deck repository, or all decks
/// when the user chose so) or the file <c>--db</c> names. Its events are the truth; each append commits them and the
/// states they change in one transaction, so the kept states always equal a replay. Several processes may share the
/// file; each takes in the others' events before it writes. A file that cannot be opened (locked by another program)
/// is tried again at each use: a rating is refused, never acknowledged, while it cannot be written.
/// </summary>
internal sealed class DatabaseHistory(string path, ReviewReplay replay, string settings, string device, DatabaseOptions? options = null)
    : HistorySource(replay, settings, device)
{
    private HistoryDatabase? _database;
    private long _order;
    private string? _problem;

    public string Path { get; } = path;

    public override string Name => Path;

    public override string PlacementPath(string fullPath) => System.IO.Path.GetFullPath(fullPath);

    /// <summary>Read a database only if it exists: a command that reports never creates one.</summary>
    public bool OpenOnly { get; init; }

    /// <summary>Why the file cannot be used right now; null when it can.</summary>
    public string? Problem => _problem;

    protected override (ReviewHistory History, Dictionary<DeckKey, Dictionary<CardKey, SeenCard>> Seen) LoadLocked()
    {
        _order = 0;
        if (Database() is not { } database)
        {
            return (Empty(), []);
        }

        database.ConvertLegacy(Device, DateTimeOffset.UtcNow);
        var (stored, kept) = database.Read(transaction => (database.EventsAfter(transaction, 0), database.Derived(transaction, Settings)));
        var history = ReviewHistory.Build(Replay, Parse(stored), kept);
        _order = stored.Count > 0 ? stored[^1].Order : 0;
        return (history, database.SeenTexts());
    }

    protected override HistoryUpdate RefreshLocked(ReviewHistory current)
    {
        if (_database is null)
        {
            // Not opened yet (it was locked at the start): everything it holds is new to us.
            if (Database() is null)
            {
                return new HistoryUpdate(current, [], [], new HashSet<DeckKey>(), false);
            }

            var (history, _) = LoadLocked();
            return HistoryUpdate.Replaced(history);
        }

        var stored = _database.EventsAfter(_order);
        if (stored.Count == 0)
        {
            return new HistoryUpdate(current, [], [], new HashSet<DeckKey>(), false);
        }

        _order = stored[^1].Order;
        return current.With(Parse(stored));
    }

    protected override (IReadOnlyList<HistoryEvent> Written, HistoryUpdate Update) AppendLocked(ReviewHistory current, IReadOnlyList<HistoryEvent> drafts)
    {
        var reloaded = _database is null;
        var database = Database() ?? throw new HistoryBusyException(_problem ?? $"The history database {Path} cannot be used.");
        if (reloaded)
        {
            current = LoadLocked().History;
        }

        var (written, update, order) = database.Write(transaction =>
        {
            // Others' events first, so the states written are a replay of everything in the file.
            var others = database.EventsAfter(transaction, _order);
            var stored = database.Append(transaction, Device, drafts);
            var update = current.With([.. Parse(others), .. stored.Select(s => s.Event)]);
            database.SetDerived(transaction, Settings, update.History, update.Cards);
            return (stored.Select(s => s.Event).ToList(), update, stored[^1].Order);
        });
        _order = order;
        return (written, reloaded ? HistoryUpdate.Replaced(update.History) : update);
    }

    protected override void KeepSeenLocked(DeckKey deck, IReadOnlyList<(CardKey Card, SeenCard Seen)> cards)
    {
        try
        {
            Database()?.SetSeenTexts(deck, cards);
        }
        catch (Exception e) when (e is SqliteException or HistoryBusyException)
        {
            Warn?.Invoke($"The history database {Path} could not keep card texts ({e.Message}).");
        }
    }

    private List<HistoryEvent> Parse(IReadOnlyList<StoredEvent> stored)
    {
        var events = new List<HistoryEvent>(stored.Count);
        foreach (var e in stored)
        {
            var (read, problem) = HistoryLine.Parse(e.Device, e.Line);
            if (read is not null)
            {
                events.Add(read);
            }
            else if (problem is not null)
            {
                Warn?.Invoke($"{Path}: event {e.Device}#{e.Sequence} skipped, {problem}.");
            }
        }

        return events;
    }

    private HistoryDatabase? Database()
    {
        if (_database is not null)
        {
            return _database;
        }

        if (OpenOnly && !File.Exists(Path))
        {
            return null;
        }

        var (database, warning) = HistoryDatabase.Open(Path, options);
        _database = database;
        _problem = database is null ? warning : null;
        if (warning is not null)
        {
            Warn?.Invoke(database is null ? $"{warning} Reviews cannot be saved until it can; DeckLsp keeps trying." : warning);
        }

        return database;
    }

    public override void Dispose() => _database?.Dispose();
}
