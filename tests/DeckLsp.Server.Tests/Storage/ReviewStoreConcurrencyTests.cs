using DeckLsp.Core.Scheduling;
using DeckLsp.Server.Storage;

namespace DeckLsp.Server.Tests.Storage;

/// <summary>Several connections on one file (as two editor windows have): nothing lost, nobody waits forever.</summary>
public sealed class ReviewStoreConcurrencyTests : IDisposable
{
    // Generous: these bound a hang, they do not measure speed.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly StoreTestKit _kit = new();

    public void Dispose() => _kit.Dispose();

    [Fact]
    public async Task Two_stores_appending_from_many_threads_at_once_lose_nothing()
    {
        const int threadsPerStore = 4;
        const int reviewsPerThread = 25;
        // A long budget: under heavy contention a writer may wait a while, but it must get through.
        var patient = new ReviewStoreOptions { RetryBudget = TimeSpan.FromSeconds(30) };
        var stores = new[] { _kit.OpenClean(options: patient), _kit.OpenClean(options: patient) };

        var writers = Enumerable.Range(0, stores.Length * threadsPerStore).Select(n => Task.Run(() =>
        {
            var store = stores[n % stores.Length];
            var ids = new List<long>();
            for (var i = 0; i < reviewsPerThread; i++)
            {
                ids.Add(StoreTestKit.Rate(store, $"card-{n}", Grade.Good, StoreTestKit.Start.AddMinutes(i)).Id);
            }

            return ids;
        })).ToArray();
        var ids = (await Task.WhenAll(writers).WaitAsync(Bound)).SelectMany(i => i).ToList();

        var total = stores.Length * threadsPerStore * reviewsPerThread;
        using var check = _kit.RawConnection();
        Assert.Equal((long)total, StoreTestKit.Scalar(check, "SELECT COUNT(*) FROM review_log"));
        Assert.Equal(total, ids.Distinct().Count());
        for (var n = 0; n < stores.Length * threadsPerStore; n++)
        {
            Assert.Equal(reviewsPerThread, stores[0].GetState($"card-{n}")!.Reps);
        }
    }

    [Fact]
    public async Task Append_waits_for_a_writer_holding_the_lock_and_succeeds_once_it_commits()
    {
        var store = _kit.OpenClean(options: new ReviewStoreOptions { RetryBudget = TimeSpan.FromSeconds(30) });
        using var holder = _kit.RawConnection();
        StoreTestKit.Scalar(holder, "BEGIN IMMEDIATE");

        var append = Task.Run(() => StoreTestKit.Rate(store, "card-1", Grade.Good, StoreTestKit.Start));
        // While the lock is held the append cannot have committed, however the threads are scheduled.
        await Task.Delay(300);
        Assert.False(append.IsCompleted);
        StoreTestKit.Scalar(holder, "COMMIT");

        var entry = await append.WaitAsync(Bound);
        Assert.Equal(entry, Assert.Single(store.GetLog("card-1")));
    }

    [Fact]
    public async Task Append_blocked_past_the_retry_budget_fails_with_a_clear_error_and_writes_nothing()
    {
        var store = _kit.OpenClean(options: new ReviewStoreOptions { RetryBudget = TimeSpan.FromMilliseconds(300) });
        using var holder = _kit.RawConnection();
        StoreTestKit.Scalar(holder, "BEGIN IMMEDIATE");

        var append = Task.Run(() => StoreTestKit.Rate(store, "card-1", Grade.Good, StoreTestKit.Start));
        var error = await Assert.ThrowsAsync<ReviewStoreBusyException>(() => append.WaitAsync(Bound));
        StoreTestKit.Scalar(holder, "COMMIT");

        Assert.Contains(_kit.DatabasePath, error.Message);
        Assert.Contains("locked", error.Message);
        Assert.Empty(store.GetLog("card-1"));
        Assert.Null(store.GetState("card-1"));
    }

    [Fact]
    public async Task Reads_go_on_while_another_connection_holds_the_write_lock()
    {
        var store = _kit.OpenClean();
        var entry = StoreTestKit.Rate(store, "card-1", Grade.Good, StoreTestKit.Start);
        using var holder = _kit.RawConnection();
        StoreTestKit.Scalar(holder, "BEGIN IMMEDIATE");
        StoreTestKit.Scalar(holder, "DELETE FROM card_states");

        var state = await Task.Run(() => store.GetState("card-1")).WaitAsync(Bound);
        StoreTestKit.Scalar(holder, "ROLLBACK");

        // WAL: the reader sees the last committed state, not the uncommitted delete.
        Assert.Equal(entry.After, state);
    }
}
