using DeckLsp.Server.Hosting;
using DeckLsp.Server.Protocol;
using Microsoft.Extensions.Logging;

namespace DeckLsp.Server.Workspace;

/// <summary>Builds the workspace index in the background at <c>initialized</c>, reporting <c>$/progress</c> for large workspaces.</summary>
internal sealed class WorkspaceIndexer(WorkspaceIndex index, ILanguageClient client, ServerOptions options, ILogger<WorkspaceIndexer> logger)
{
    public Task StartAsync(IReadOnlyList<string> roots, bool clientShowsProgress, CancellationToken cancellationToken)
    {
        index.Roots = roots;
        return Task.Run(async () =>
        {
            try
            {
                await RunAsync(roots, clientShowsProgress, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                logger.LogError(e, "Indexing the workspace failed");
            }
        }, CancellationToken.None);
    }

    private async Task RunAsync(IReadOnlyList<string> roots, bool clientShowsProgress, CancellationToken cancellationToken)
    {
        var files = roots.SelectMany(root => DeckFiles.Find(root, cancellationToken)).Distinct(WorkspaceIndex.PathComparer).ToList();
        if (!clientShowsProgress || files.Count < options.IndexProgressThreshold)
        {
            index.Build(files, progress: null, cancellationToken);
            return;
        }

        var token = $"decklsp/index/{Guid.NewGuid():N}";
        try
        {
            await client.CreateWorkDoneProgressAsync(token, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning("The client refused a progress token: {Message}", e.Message);
            index.Build(files, progress: null, cancellationToken);
            return;
        }

        await client.ReportProgressAsync(new ProgressParams
        {
            Token = token,
            Value = new WorkDoneProgress { Kind = "begin", Title = "Indexing decks", Message = $"0/{files.Count}", Percentage = 0 },
        });
        var lastPercent = 0;
        var progress = new StepProgress(step =>
        {
            var percent = step.Done * 100 / step.Total;
            var previous = Volatile.Read(ref lastPercent);
            if (percent >= previous + 10 && Interlocked.CompareExchange(ref lastPercent, percent, previous) == previous)
            {
                _ = client.ReportProgressAsync(new ProgressParams
                {
                    Token = token,
                    Value = new WorkDoneProgress { Kind = "report", Message = $"{step.Done}/{step.Total}", Percentage = percent },
                });
            }
        });
        try
        {
            index.Build(files, progress, cancellationToken);
        }
        finally
        {
            await client.ReportProgressAsync(new ProgressParams
            {
                Token = token,
                Value = new WorkDoneProgress { Kind = "end", Message = $"{index.Decks.Count} decks" },
            });
        }
    }

    // Progress<T> would post to the thread pool, and a late report could arrive after "end".
    private sealed class StepProgress(Action<(int Done, int Total)> report) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value) => report(value);
    }
}
