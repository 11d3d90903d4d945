using System.Collections.Concurrent;
using DeckLsp.Core.History;
using DeckLsp.Core.Optimization;
using DeckLsp.Core.Reviews;
using DeckLsp.Server.History;
using DeckLsp.Server.Hosting;
using DeckLsp.Server.Protocol;
using Microsoft.Extensions.Logging;

namespace DeckLsp.Server.Reviews;

/// <summary>
/// Reviewing as the server does it: the histories decks belong to (opened as the session chose, loaded in the
/// background on first use), the settings states are derived with, and the clock.
/// </summary>
internal sealed class ReviewService(ServerSession session, ILanguageClient client, TimeProvider time, ILogger<ReviewService> logger) : IDisposable
{
    private readonly Lock _gate = new();
    private readonly ConcurrentDictionary<HistorySource, Task> _loading = new();
    private Histories? _histories;
    private ReviewReplay? _replay;

    /// <summary>Read after initialize, once: the configuration does not change during a session.</summary>
    public ReviewSettings Settings => session.Review;

    public ReviewReplay Replay => _replay ??= Settings.Replay();

    public SessionOptions SessionOptions => Settings.Session;

    /// <summary>Now, as the history keeps times: UTC, to the millisecond.</summary>
    public DateTimeOffset Now => HistoryLine.Truncate(time.GetUtcNow());

    /// <summary>
    /// The time zone whose days the load balancer counts new ratings' loads in, or null when the settings turn it off.
    /// </summary>
    public TimeZoneInfo? BalanceIn => Settings.LoadBalance ? time.LocalTimeZone : null;

    /// <summary>Midnight of the user's local day, in UTC: where "today" starts for the daily new-card limit.</summary>
    public DateTimeOffset StartOfToday => StartOfDay(Now, time.LocalTimeZone);

    /// <summary>The user's calendar day of an instant (the statistics' days and weeks).</summary>
    public Func<DateTimeOffset, DateOnly> DayOf => RevlogItems.DayIn(time.LocalTimeZone);

    /// <summary>Midnight, in <paramref name="zone"/>, of the day <paramref name="now"/> falls in, as UTC.</summary>
    public static DateTimeOffset StartOfDay(DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        return new DateTimeOffset(local.Date, local.Offset).ToUniversalTime();
    }

    /// <summary>The histories, opened as <c>--db</c>, <c>initializationOptions</c> and the defaults say.</summary>
    public Histories Histories
    {
        get
        {
            lock (_gate)
            {
                if (_histories is null)
                {
                    _histories = new Histories(session.History, UserData.Current, Replay, Settings.Fingerprint(), Tell);
                    _histories.Changed += (source, update) => HistoryChanged?.Invoke(source, update);
                    logger.LogInformation("Review history: {Where}", session.History.Database is { } database
                        ? database
                        : session.History.Place == HistoryPlace.User ? UserData.Current.Database : "each deck repository's .decklsp/history/, else " + UserData.Current.Database);
                }

                return _histories;
            }
        }
    }

    /// <summary>Heard after any history changed: loaded, appended to, or refreshed with others' events.</summary>
    public event Action<HistorySource, HistoryUpdate>? HistoryChanged;

    /// <summary>The history of the deck at <paramref name="fullPath"/> (null: no file), loading it in the background if it is not yet.</summary>
    public HistorySource SourceFor(string? fullPath)
    {
        var source = Histories.For(fullPath);
        _ = Loading(source);
        return source;
    }

    /// <summary>Completes when <paramref name="source"/> is loaded (it starts loading if it has not).</summary>
    public Task Loading(HistorySource source) => _loading.GetOrAdd(source, s => Task.Run(() =>
    {
        try
        {
            Histories.Load(s);
        }
        catch (Exception e)
        {
            logger.LogError(e, "Could not read the history {Name}", s.Name);
            Tell($"The review history {s.Name} could not be read: {e.Message}");
        }
    }));

    /// <summary>
    /// Waits, up to <paramref name="patience"/>, until the histories of <paramref name="sources"/> are read: a request
    /// answered from a history still loading would call every card new.
    /// </summary>
    public async Task WhenLoaded(IEnumerable<HistorySource?> sources, TimeSpan patience, CancellationToken cancellationToken = default)
    {
        var loading = sources.OfType<HistorySource>().Where(s => !s.IsLoaded).Distinct().Select(Loading).ToArray();
        if (loading.Length > 0)
        {
            await Task.WhenAny(Task.WhenAll(loading), Task.Delay(patience, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
    }

    /// <summary>How long a request waits for a history to load before answering without it.</summary>
    public static TimeSpan LoadPatience { get; } = TimeSpan.FromSeconds(20);

    /// <summary>The source, loaded: for work that needs the whole history (planning a session).</summary>
    public HistorySource Loaded(HistorySource source)
    {
        Loading(source).Wait();
        return source;
    }

    // Problems worth a user's attention go to the log and, once each, to a message.
    private void Tell(string message)
    {
        logger.LogWarning("{Warning}", message);
        _ = client.ShowMessageAsync(new ShowMessageParams { Type = 2, Message = message });
    }

    public void Dispose()
    {
        foreach (var load in _loading.Values)
        {
            load.Wait(TimeSpan.FromSeconds(10));
        }

        lock (_gate)
        {
            _histories?.Dispose();
            _histories = null;
        }
    }
}
