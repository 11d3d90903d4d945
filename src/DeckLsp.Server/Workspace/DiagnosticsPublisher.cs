using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading.Channels;
using DeckLsp.Server.Hosting;
using DeckLsp.Server.Protocol;
using Microsoft.Extensions.Logging;

namespace DeckLsp.Server.Workspace;

/// <summary>
/// Publishes each open document's diagnostics once typing pauses for <see cref="ServerOptions.DiagnosticsDelay"/>, and
/// only when they differ from the last published. One loop sends everything, so a document's publications (and the
/// empty one at close) reach the client in the order they were asked for.
/// </summary>
internal sealed class DiagnosticsPublisher(DocumentStore store, ILanguageClient client, ServerOptions options, ILogger<DiagnosticsPublisher> logger)
    : IDisposable
{
    private readonly Channel<Work> _work = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<string, Pending> _pending = new();
    private readonly Dictionary<string, string> _published = [];
    private readonly CancellationTokenSource _stop = new();

    private sealed record Work(string Uri, long Generation, bool Clear);

    private sealed class Pending
    {
        public long Generation;
        public Timer? Timer;
    }

    public Task Start() => Task.Run(RunAsync);

    /// <summary>Publishes after the document has been quiet for the debounce delay.</summary>
    public void Schedule(string uri) => Enqueue(uri, options.DiagnosticsDelay, clear: false);

    /// <summary>Publishes as soon as the loop gets to it (on open and save).</summary>
    public void PublishNow(string uri) => Enqueue(uri, TimeSpan.Zero, clear: false);

    /// <summary>Publishes an empty list (on close) and forgets what was published.</summary>
    public void Clear(string uri) => Enqueue(uri, TimeSpan.Zero, clear: true);

    /// <summary>Processes what is queued now, without the background loop: for tests.</summary>
    internal async Task ProcessQueuedAsync()
    {
        while (_work.Reader.TryRead(out var work))
        {
            await ProcessAsync(work);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _work.Writer.TryComplete();
        foreach (var pending in _pending.Values)
        {
            lock (pending)
            {
                pending.Timer?.Dispose();
            }
        }
    }

    private void Enqueue(string uri, TimeSpan delay, bool clear)
    {
        var pending = _pending.GetOrAdd(uri, _ => new Pending());
        lock (pending)
        {
            var work = new Work(uri, ++pending.Generation, clear);
            pending.Timer?.Dispose();
            pending.Timer = null;
            if (delay <= TimeSpan.Zero)
            {
                _work.Writer.TryWrite(work);
            }
            else
            {
                pending.Timer = new Timer(_ => _work.Writer.TryWrite(work), null, delay, Timeout.InfiniteTimeSpan);
            }
        }
    }

    private bool IsLatest(Work work)
    {
        var pending = _pending.GetOrAdd(work.Uri, _ => new Pending());
        lock (pending)
        {
            return pending.Generation == work.Generation;
        }
    }

    private async Task RunAsync()
    {
        try
        {
            await foreach (var work in _work.Reader.ReadAllAsync(_stop.Token))
            {
                await ProcessAsync(work);
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
    }

    private async Task ProcessAsync(Work work)
    {
        try
        {
            if (work.Clear)
            {
                _published.Remove(work.Uri);
                await client.PublishDiagnosticsAsync(new PublishDiagnosticsParams { Uri = work.Uri, Diagnostics = [] });
                return;
            }

            // A later edit or close has its own work queued or pending; this one is stale.
            if (!IsLatest(work) || store.Get(work.Uri) is not { } open)
            {
                return;
            }

            var diagnostics = DocumentDiagnostics.For(open);
            var key = JsonSerializer.Serialize(diagnostics, DeckJsonContext.Default.DiagnosticArray);
            if (_published.TryGetValue(work.Uri, out var last) && last == key)
            {
                logger.LogDebug("Diagnostics of {Uri} unchanged at version {Version}: not republished", work.Uri, open.Version);
                return;
            }

            _published[work.Uri] = key;
            await client.PublishDiagnosticsAsync(new PublishDiagnosticsParams
            {
                Uri = work.Uri,
                Version = open.Version,
                Diagnostics = diagnostics,
            });
        }
        catch (Exception e) when (!_stop.IsCancellationRequested)
        {
            logger.LogError(e, "Publishing diagnostics of {Uri} failed", work.Uri);
        }
        catch (Exception)
        {
            // Shutting down: the connection may already be gone.
        }
    }
}
