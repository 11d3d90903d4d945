using Microsoft.Extensions.Logging;

namespace DeckLsp.Server.Reviews;

/// <summary>
/// Runs history writes that no response waits for (what a card identifies, a key moved by an edit, card texts) one after
/// another, off the editor's ordered path: a keystroke never waits for the disk. A rating waits for them first.
/// </summary>
internal sealed class HistoryWriter(ILogger<HistoryWriter> logger)
{
    private readonly Lock _gate = new();
    private Task _writes = Task.CompletedTask;

    public void Enqueue(string what, Action write)
    {
        lock (_gate)
        {
            _writes = _writes.ContinueWith(_ =>
            {
                try
                {
                    write();
                }
                catch (Exception e)
                {
                    logger.LogError(e, "Could not {What}", what);
                }
            }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    /// <summary>Completes once everything enqueued so far is written (or failed and was logged).</summary>
    public Task Flushed()
    {
        lock (_gate)
        {
            return _writes;
        }
    }
}
