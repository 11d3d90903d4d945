using System.Collections.Concurrent;
using DeckLsp.Core.History;
using DeckLsp.Core.Reviews;

namespace DeckLsp.Server.History;

/// <summary>Where reviews are kept: in the deck repository's history, or in the per-user database for every deck.</summary>
internal enum HistoryPlace
{
    Repository,
    User,
}

/// <summary>How the histories are chosen (docs/history.md).</summary>
/// <param name="Place">Repository (the default) or user.</param>
/// <param name="Database">A database that holds every deck's history, overriding both (<c>--db</c>).</param>
/// <param name="LegacyDatabases">Older databases whose history of a repository's decks is brought into it once.</param>
/// <param name="ReadOnly">Only read (commands that report): a missing database is not created, nothing is migrated.</param>
internal sealed record HistoryOptions(HistoryPlace Place = HistoryPlace.Repository, string? Database = null,
    IReadOnlyList<string>? LegacyDatabases = null, bool ReadOnly = false);

/// <summary>
/// The one seam to the review history, for the server and the command line alike: which history a deck belongs to
/// (its deck repository's, else the per-user database, or the database <c>--db</c> names), each opened once and
/// loaded on first use, and told of each change.
/// </summary>
internal sealed class Histories : IDisposable
{
    private readonly HistoryOptions _options;
    private readonly UserData _data;
    private readonly ReviewReplay _replay;
    private readonly string _settings;
    private readonly DeckRepositories _repositories = new();
    private readonly ConcurrentDictionary<string, HistorySource> _sources = new(StringComparer.Ordinal);
    private readonly Lazy<string> _device;

    public Histories(HistoryOptions options, UserData data, ReviewReplay replay, string settings, Action<string>? warn = null)
    {
        _options = options;
        _data = data;
        _replay = replay;
        _settings = settings;
        Warn = warn;
        _device = new Lazy<string>(() =>
        {
            try
            {
                return DeviceName.Resolve(data);
            }
            catch (InvalidOperationException e)
            {
                Warn?.Invoke(e.Message + " Using this machine's own name instead.");
                return DeviceName.Resolve(new UserData(name => name == DeviceName.Variable ? null : data.Environment(name)));
            }
        });
    }

    /// <summary>Told of problems worth the user's attention.</summary>
    public Action<string>? Warn { get; }

    /// <summary>This machine's device name.</summary>
    public string Device => _device.Value;

    /// <summary>Heard after any history changed (loaded, appended to, refreshed).</summary>
    public event Action<HistorySource, HistoryUpdate>? Changed;

    /// <summary>The histories opened so far.</summary>
    public ICollection<HistorySource> Sources => _sources.Values;

    /// <summary>
    /// The history the deck at <paramref name="fullPath"/> (null: a deck with no file) belongs to. It is created, not
    /// loaded: call <see cref="HistorySource.Load"/> (the server does so in the background; until then it is empty).
    /// </summary>
    public HistorySource For(string? fullPath)
    {
        if (_options.Database is { } database)
        {
            return Database(database);
        }

        if (_options.Place == HistoryPlace.User || fullPath is null || _repositories.Find(fullPath) is not { } repository)
        {
            return Database(_data.Database);
        }

        return _sources.GetOrAdd("repository:" + repository.Root, _ => Watch(new RepositoryHistory(
            repository, _data.CacheOf(repository.Root), _replay, _settings, Device, Path.Combine(_data.Folder, "locks"))));
    }

    /// <summary>The history of <paramref name="fullPath"/>, loaded (for the command line, which has no background).</summary>
    public HistorySource Loaded(string? fullPath)
    {
        var source = For(fullPath);
        if (!source.IsLoaded)
        {
            Load(source);
        }

        return source;
    }

    /// <summary>Loads <paramref name="source"/> and, for a repository, brings in what older databases hold of its decks.</summary>
    public IReadOnlyList<MigrationResult> Load(HistorySource source)
    {
        source.Load();
        if (source is not RepositoryHistory repository || _options.ReadOnly)
        {
            return [];
        }

        var legacy = (_options.LegacyDatabases ?? []).Append(_data.Database);
        try
        {
            var results = HistoryMigration.Run(repository, legacy, DateTimeOffset.UtcNow);
            foreach (var result in results)
            {
                Warn?.Invoke($"Brought {result.Ratings} reviews of {result.Decks} decks from {result.From} into the history of {repository.Name} (.decklsp/history/).");
            }

            return results;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or HistoryBusyException or Microsoft.Data.Sqlite.SqliteException)
        {
            Warn?.Invoke($"The older history of {repository.Name} could not be brought in ({e.Message}); it stays where it was, and DeckLsp tries again next time.");
            return [];
        }
    }

    /// <summary>Forgets which folders are deck repositories (a <c>.git</c> or <c>.decklsp/</c> was created or removed).</summary>
    public void ForgetRepositories() => _repositories.Forget();

    private HistorySource Database(string path) =>
        _sources.GetOrAdd("database:" + Path.GetFullPath(path), _ => Watch(new DatabaseHistory(Path.GetFullPath(path), _replay, _settings, Device) { OpenOnly = _options.ReadOnly }));

    private HistorySource Watch(HistorySource source)
    {
        source.Warn = Warn;
        source.Changed += (s, update) => Changed?.Invoke(s, update);
        return source;
    }

    public void Dispose()
    {
        foreach (var source in _sources.Values)
        {
            source.Dispose();
        }
    }
}
