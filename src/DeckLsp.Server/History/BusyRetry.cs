using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace DeckLsp.Server.History;

/// <summary>
/// Runs a unit of SQLite work again, after a short random pause, while another connection holds the lock; gives up
/// with <see cref="HistoryBusyException"/> once the budget is spent, so an editor never hangs on a stuck peer.
/// </summary>
internal sealed class BusyRetry
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    private readonly TimeSpan _budget;
    private readonly string _databaseName;

    public BusyRetry(TimeSpan budget, string databaseName)
    {
        _budget = budget;
        _databaseName = databaseName;
    }

    public static bool IsBusy(SqliteException e) => (e.SqliteErrorCode & 0xFF) is SqliteBusy or SqliteLocked;

    /// <summary>Runs <paramref name="work"/>, which must leave nothing behind when it throws (a rolled-back transaction).</summary>
    public T Run<T>(Func<T> work)
    {
        var clock = Stopwatch.StartNew();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                return work();
            }
            catch (SqliteException e) when (IsBusy(e))
            {
                var left = _budget - clock.Elapsed;
                if (left <= TimeSpan.Zero)
                {
                    throw new HistoryBusyException(
                        $"The review database {_databaseName} stayed locked by another DeckLsp window or program for " +
                        $"{clock.Elapsed.TotalSeconds:0.0} s; nothing was written. Try again once the other one is done.",
                        e);
                }

                // Jitter keeps two windows that collided from colliding again in lockstep.
                var ceiling = Math.Min(25 << Math.Min(attempt, 4), 400);
                var pause = TimeSpan.FromMilliseconds(Random.Shared.Next(ceiling / 2, ceiling + 1));
                Thread.Sleep(pause < left ? pause : left);
            }
        }
    }
}
