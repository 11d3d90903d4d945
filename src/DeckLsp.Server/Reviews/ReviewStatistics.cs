using DeckLsp.Core.Reviews;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Workspace;
using StreamJsonRpc;
using StreamJsonRpc.Protocol;

namespace DeckLsp.Server.Reviews;

/// <summary>
/// <c>deck/statistics</c>: the figures of a deck, a folder's decks or the workspace's, added up from each deck's
/// <see cref="DeckFigures"/>. Reads only: the decks' snapshots and their histories as they are.
/// </summary>
internal sealed class ReviewStatistics(ReviewService reviews, ReviewDecks decks, WorkspaceIndex index)
{
    private sealed record Scope(string Kind, string Title, IReadOnlyList<ReviewDeck> Decks);

    public async Task<StatisticsResult> OfAsync(string? uri, CancellationToken cancellationToken)
    {
        // A folder's or the workspace's closed decks come from the index, whose first scan runs in the background.
        if (uri is null || decks.Find(uri) is null)
        {
            await index.Ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        }

        // A history still loading would call every card new: wait for it, then take the decks again, each with its
        // history as it is now.
        await reviews.WhenLoaded(Select(uri).Decks.Select(d => d.Link.Source), ReviewService.LoadPatience, cancellationToken).ConfigureAwait(false);
        return Measure(Select(uri));
    }

    private Scope Select(string? uri)
    {
        if (uri is null)
        {
            return new Scope("workspace", "Workspace", [.. decks.All()]);
        }

        if (decks.Find(uri) is { } deck)
        {
            return new Scope("deck", deck.Document.Deck.Title, [deck]);
        }

        if (DeckUri.ToPath(uri) is { } folder && Directory.Exists(folder))
        {
            var under = decks.All().Where(d => d.Path is { } path && IsUnder(path, folder)).ToList();
            return new Scope("folder", Path.GetFileName(Path.TrimEndingDirectorySeparator(folder)), under);
        }

        throw new LocalRpcException($"no deck or folder at {uri}") { ErrorCode = (int)JsonRpcErrorCode.InvalidParams };
    }

    private static bool IsUnder(string path, string folder)
    {
        var relative = Path.GetRelativePath(folder, path);
        return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }

    private StatisticsResult Measure(Scope scope)
    {
        var now = reviews.Now;
        var dayOf = reviews.DayOf;
        var figures = scope.Decks.Select(d => DeckFigures.Of(d, now, reviews.StartOfToday, dayOf)).ToList();
        var memory = MemoryStatistics.Sum(figures.Select(f => f.Memory));
        return new StatisticsResult
        {
            Scope = scope.Kind,
            Title = scope.Title,
            Decks = figures.Count,
            Cards = figures.Sum(f => f.Cards),
            New = figures.Sum(f => f.New),
            Due = figures.Sum(f => f.Due),
            Reviews = figures.Sum(f => f.Reviews),
            ReviewsToday = figures.Sum(f => f.ReviewsToday),
            Today = dayOf(now).ToLsp(),
            Calendar = [.. memory.Calendar.Select(d => d.ToLsp())],
            Forecast = memory.Forecast,
            Retention = [.. memory.Retention.Select(w => w.ToLsp())],
            States = memory.States.ToLsp(),
        };
    }
}
