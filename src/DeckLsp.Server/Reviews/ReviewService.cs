using DeckLsp.Core.Identity;
using DeckLsp.Core.Reviews;
using DeckLsp.Core.Scheduling;
using DeckLsp.Server.Hosting;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Storage;
using Microsoft.Extensions.Logging;

namespace DeckLsp.Server.Reviews;

/// <summary>
/// The review history as the server uses it: the store (opened on first use, at the path the session chose), the
/// scheduler and the rating scale, and a queue that keeps identity writes off the editor's ordered path.
/// </summary>
internal sealed class ReviewService(ServerSession session, ILanguageClient client, TimeProvider time, ILogger<ReviewService> logger) : IDisposable
{
    private readonly Lock _gate = new();
    private ReviewStore? _store;
    private Task _writes = Task.CompletedTask;

    private const string SchedulingSetting = "scheduling";
    private FsrsScheduler? _scheduler;

    /// <summary>Read after initialize, once: the configuration does not change during a session.</summary>
    public FsrsScheduler Scheduler => _scheduler ??= new FsrsScheduler(session.Study.Scheduler);

    public RatingScale Scale => session.Study.Scale;

    public ReviewReplay Replay => new(Scheduler, Scale);

    public SessionOptions SessionOptions => session.Study.Session;

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Midnight of the user's local day, in UTC: where "today" starts for the daily new-card limit.</summary>
    public DateTimeOffset StartOfToday => StartOfDay(Now, time.LocalTimeZone);

    /// <summary>Midnight, in <paramref name="zone"/>, of the day <paramref name="now"/> falls in, as UTC.</summary>
    public static DateTimeOffset StartOfDay(DateTimeOffset now, TimeZoneInfo zone)
    {
        var local = TimeZoneInfo.ConvertTime(now, zone);
        return new DateTimeOffset(local.Date, local.Offset).ToUniversalTime();
    }

    /// <summary>New cards of the deck first reviewed today: they count against the daily new-card limit.</summary>
    public int NewCardsIntroducedToday(string deckKey) =>
        Store.CountReviews(deckKey, StartOfToday, Now.AddTicks(1)).NewCardsInRange;

    public ReviewStore Store
    {
        get
        {
            lock (_gate)
            {
                if (_store is null)
                {
                    var (store, warning) = ReviewStore.Open(session.DatabasePath);
                    _store = store;
                    logger.LogInformation("Review history: {Path}", store.Path ?? "(in memory)");
                    foreach (var message in session.ConfigurationProblems.Append(warning).OfType<string>())
                    {
                        logger.LogWarning("{Warning}", message);
                        _ = client.ShowMessageAsync(new ShowMessageParams { Type = 2, Message = message });
                    }

                    Rederive(store);
                }

                return _store;
            }
        }
    }

    // The raw log is the truth: when the rating map or the scheduler's parameters changed since the states were derived,
    // every card's state is derived again by replaying its log.
    private void Rederive(ReviewStore store)
    {
        var fingerprint = session.Study.Fingerprint();
        if (store.GetSetting(SchedulingSetting) == fingerprint)
        {
            return;
        }

        var replay = Replay;
        var cards = store.RebuildStates((key, log) =>
            replay.Replay(key, log.Select(row => new ReviewEvent(key, row.Rating, row.ReviewedAt, row.DurationMs)))!);
        store.SetSetting(SchedulingSetting, fingerprint);
        if (cards > 0)
        {
            logger.LogInformation("Scheduling settings changed: re-derived {Cards} cards from their review log", cards);
        }
    }

    /// <summary>The key under which a deck's card (or cloze deletion) is stored: ids are unique per deck, not across decks.</summary>
    public static string StoreKey(string deckKey, string reviewKey) => $"{deckKey}/{reviewKey}";

    /// <summary>The deck-local key of a stored key.</summary>
    public static string LocalKey(string deckKey, string storeKey) => storeKey[(deckKey.Length + 1)..];

    /// <summary>Runs store writes that no response waits for (identity bookkeeping) one after another, in order.</summary>
    public void Enqueue(string what, Action<ReviewStore> write)
    {
        lock (_gate)
        {
            _writes = _writes.ContinueWith(_ =>
            {
                try
                {
                    write(Store);
                }
                catch (Exception e)
                {
                    logger.LogError(e, "Could not {What}", what);
                }
            }, TaskScheduler.Default);
        }
    }

    /// <summary>Waits for queued writes: before reading what they wrote, and at shutdown.</summary>
    public Task Flushed()
    {
        lock (_gate)
        {
            return _writes;
        }
    }

    public void Dispose()
    {
        Flushed().Wait(TimeSpan.FromSeconds(10));
        lock (_gate)
        {
            _store?.Dispose();
            _store = null;
        }
    }
}
