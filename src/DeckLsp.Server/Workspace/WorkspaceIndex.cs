using System.Collections.Concurrent;
using DeckLsp.Core.Documents;
using Microsoft.Extensions.Logging;

namespace DeckLsp.Server.Workspace;

/// <summary>
/// Every deck under the workspace folders, as read from disk: built once at <c>initialized</c> and kept current by
/// watched-file events, so no edit re-scans the workspace. Open documents override it (see <see cref="WorkspaceDecks"/>).
/// </summary>
internal sealed class WorkspaceIndex(ILogger<WorkspaceIndex> logger)
{
    private readonly ConcurrentDictionary<string, IndexedDeck> _decks = new(PathComparer);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static StringComparer PathComparer => OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()
        ? StringComparer.OrdinalIgnoreCase
        : StringComparer.Ordinal;

    /// <summary>Completes when the first scan has finished (or failed, or there was nothing to scan).</summary>
    public Task Ready => _ready.Task;

    /// <summary>The workspace folders; set at <c>initialized</c>, before the scan starts.</summary>
    public IReadOnlyList<string> Roots { get; set; } = [];

    public ICollection<IndexedDeck> Decks => _decks.Values;

    public IndexedDeck? Get(string path) => _decks.GetValueOrDefault(path);

    /// <summary>Reads the decks found under the folders; <paramref name="progress"/> hears (done, total).</summary>
    public void Build(IReadOnlyList<string> files, IProgress<(int Done, int Total)>? progress,
        CancellationToken cancellationToken)
    {
        try
        {
            var done = 0;
            Parallel.ForEach(files, new ParallelOptions { CancellationToken = cancellationToken }, file =>
            {
                // A watched-file event that arrived during the scan is newer than what we read now.
                if (!_decks.ContainsKey(file) && Read(file) is { } deck)
                {
                    _decks.TryAdd(file, deck);
                }

                progress?.Report((Interlocked.Increment(ref done), files.Count));
            });
            logger.LogInformation("Indexed {Count} decks under {Roots}", _decks.Count, string.Join(", ", Roots));
        }
        finally
        {
            _ready.TrySetResult();
        }
    }

    /// <summary>Re-reads a deck from disk (created or changed), or forgets it when it is gone.</summary>
    public void Refresh(string path)
    {
        if (Read(path) is { } deck)
        {
            _decks[path] = deck;
        }
        else
        {
            _decks.TryRemove(path, out _);
        }
    }

    public void Remove(string path) => _decks.TryRemove(path, out _);

    private IndexedDeck? Read(string path)
    {
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            var uri = DeckUri.FromPath(path);
            return IndexedDeck.From(uri, DeckFileReader.Read(path).Document);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogWarning("Could not read {Path}: {Message}", path, e.Message);
            return null;
        }
    }
}
