using System.Collections.Concurrent;
using System.Diagnostics;

namespace DeckLsp.Server.History;

/// <summary>
/// An exclusive lock between processes (and threads) on one lock file: two editor windows on one machine append to
/// the same device log one at a time. The lock file is only ever opened here: POSIX record locks on the log itself
/// would be dropped whenever any other handle to it in the process closed.
/// </summary>
internal static class FileLock
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    /// <summary>Waits up to <paramref name="patience"/> for the lock; dispose to release it.</summary>
    /// <exception cref="HistoryBusyException">When another holder keeps it longer.</exception>
    public static IDisposable Acquire(string path, TimeSpan patience)
    {
        var clock = Stopwatch.StartNew();
        var gate = Gates.GetOrAdd(Path.GetFullPath(path), _ => new SemaphoreSlim(1, 1));
        if (!gate.Wait(patience))
        {
            throw Busy(path, clock.Elapsed);
        }

        try
        {
            for (var attempt = 0; ; attempt++)
            {
                try
                {
                    // FileShare.None is an exclusive flock on Unix and a sharing lock on Windows: held until disposed.
                    var held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                    return new Held(held, gate);
                }
                catch (IOException) when (clock.Elapsed < patience)
                {
                    Thread.Sleep(Math.Min(5 << Math.Min(attempt, 5), 100));
                }
                catch (IOException e)
                {
                    throw Busy(path, clock.Elapsed, e);
                }
            }
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    private static HistoryBusyException Busy(string path, TimeSpan waited, Exception? inner = null) => new(
        $"{path} stayed locked by another DeckLsp window or program for {waited.TotalSeconds:0.0} s; nothing was written. " +
        "Try again once the other one is done.", inner);

    private sealed class Held(FileStream stream, SemaphoreSlim gate) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                stream.Dispose();
                gate.Release();
            }
        }
    }
}
