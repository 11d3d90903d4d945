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

    public FsrsScheduler Scheduler { get; } = new(new FsrsOptions { EnableFuzz = true });

    public RatingScale Scale { get; } = RatingScale.Default;

    public ReviewReplay Replay => new(Scheduler, Scale);

    public SessionOptions SessionOptions { get; } = new();

    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>Midnight of the user's local day, in UTC: where "today" starts for the daily new-card limit.</summary>
    public DateTimeOffset StartOfToday
    {
        get
        {
            var local = TimeZoneInfo.ConvertTime(Now, time.LocalTimeZone);
            return new DateTimeOffset(local.Date, local.Offset).ToUniversalTime();
        }
    }

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
                    if (warning is not null)
                    {
                        logger.LogWarning("{Warning}", warning);
                        _ = client.ShowMessageAsync(new ShowMessageParams { Type = 2, Message = warning });
                    }
                }

                return _store;
            }
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
