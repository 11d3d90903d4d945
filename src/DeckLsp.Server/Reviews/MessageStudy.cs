using System.Globalization;
using DeckLsp.Core.Rendering;
using DeckLsp.Core.Reviews;
using DeckLsp.Server.Hosting;
using DeckLsp.Server.Protocol;
using Microsoft.Extensions.Logging;
using StreamJsonRpc;

namespace DeckLsp.Server.Reviews;

/// <summary>
/// A study session for editors without a study panel (Neovim, Helix, Emacs): the same session the panel runs
/// (<see cref="ReviewSessions"/>), shown through standard <c>window/showMessageRequest</c> prompts: the question with
/// "Show answer" and "Stop", then the answer with the five ratings (each titled by its digit and the interval it gives),
/// "Undo" and "Stop". A dismissed prompt ends the session; ratings already given stay (docs/reviews.md).
/// </summary>
internal sealed class MessageStudy(ReviewSessions sessions, ILanguageClient client, ServerSession server, TimeProvider time,
    ILogger<MessageStudy> logger)
{
    public const string ShowAnswer = "Show answer";
    public const string Stop = "Stop";
    public const string UndoTitle = "Undo";

    private int _running;

    /// <summary>Starts a session in the background; false when one is already running (one set of prompts at a time).</summary>
    public bool TryStart(StartReviewParams parameters)
    {
        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            return false;
        }

        ReviewStep step;
        try
        {
            step = sessions.Start(parameters);
        }
        catch
        {
            // A request that plans nothing (bad params, no deck) leaves no session running.
            Volatile.Write(ref _running, 0);
            throw;
        }

        _ = Task.Run(async () =>
        {
            try
            {
                await RunAsync(step, server.Stopping).ConfigureAwait(false);
            }
            finally
            {
                Volatile.Write(ref _running, 0);
            }
        });
        return true;
    }

    private async Task RunAsync(ReviewStep step, CancellationToken cancellationToken)
    {
        var id = step.SessionId;
        try
        {
            if (step.Card is null)
            {
                await Tell(3, "Nothing to study here now: no card is due.").ConfigureAwait(false);
                return;
            }

            while (step.Card is { } card && sessions.TextOf(id) is { } text)
            {
                var front = TextCard.Plain(text.Front);
                var progress = string.Create(CultureInfo.InvariantCulture, $"Card {step.Progress.Done + 1} of {step.Progress.Total}");
                var shown = time.GetTimestamp();
                var asked = await Ask($"{progress}\n\n{front}", [ShowAnswer, Stop], cancellationToken).ConfigureAwait(false);
                if (asked is null or Stop)
                {
                    break;
                }

                var answer = TextCard.Plain(text.Back);
                var choices = Enumerable.Range(RatingScale.Lowest, RatingScale.Highest)
                    .Select(r => $"{RatingScale.Label(r)} · {card.Intervals[r - RatingScale.Lowest]}")
                    .Concat(step.Progress.Done > 0 ? [UndoTitle, Stop] : [Stop])
                    .ToArray();
                var rated = await Ask($"{progress}\n\n{front}\n\n— Answer —\n\n{answer}\n\nHow well did you know this?", choices, cancellationToken)
                    .ConfigureAwait(false);
                if (rated is null or Stop)
                {
                    break;
                }

                if (rated == UndoTitle)
                {
                    step = sessions.Undo(new SessionParams { SessionId = id });
                    continue;
                }

                var elapsed = time.GetElapsedTime(shown);
                step = sessions.Rate(new RateParams
                {
                    SessionId = id,
                    Rating = rated[0] - '0',
                    DurationMs = Math.Floor(Math.Min(elapsed.TotalMilliseconds, ReviewSessions.MaxAnswerMs)),
                });
            }
        }
        catch (Exception e) when (e is LocalRpcException or RemoteRpcException or OperationCanceledException or ConnectionLostException)
        {
            // A rating refused (its history cannot be written) or the editor gone: the session ends; what was rated stays.
            logger.LogWarning(e, "The study session {Id} stopped", id);
            if (e is LocalRpcException)
            {
                await Tell(1, $"The study session stopped: {e.Message}").ConfigureAwait(false);
            }
        }

        try
        {
            var summary = sessions.End(new SessionParams { SessionId = id }).Summary;
            if (summary.Reviewed > 0 || summary.Ratings.Values.Any(n => n > 0))
            {
                await Tell(3, Describe(summary)).ConfigureAwait(false);
            }
        }
        catch (LocalRpcException e)
        {
            logger.LogDebug(e, "The session {Id} was already over", id);
        }
    }

    /// <summary>"Studied 9 cards in 2m 10s: 1×3, 4×5, 5×1."</summary>
    internal static string Describe(ReviewSummary summary)
    {
        var spread = string.Join(", ", summary.Ratings.Where(r => r.Value > 0).OrderBy(r => r.Key, StringComparer.Ordinal)
            .Select(r => $"{r.Key}×{r.Value}"));
        var duration = TimeSpan.FromMilliseconds(summary.DurationMs);
        var took = duration.TotalMinutes >= 1 ? $"{(int)duration.TotalMinutes}m {duration.Seconds}s" : $"{duration.Seconds}s";
        var cards = summary.Reviewed == 1 ? "1 card" : $"{summary.Reviewed} cards";
        return $"Studied {cards} in {took}" + (spread.Length > 0 ? $": ratings {spread}." : ".");
    }

    private async Task<string?> Ask(string message, IReadOnlyList<string> actions, CancellationToken cancellationToken)
    {
        var answer = await client.ShowMessageRequestAsync(new ShowMessageRequestParams
        {
            Type = 3,
            Message = message,
            Actions = actions.Select(a => new MessageActionItem { Title = a }).ToArray(),
        }, cancellationToken).ConfigureAwait(false);

        // An action the prompt did not offer is taken as a dismissal, not guessed at.
        return answer?.Title is { } title && actions.Contains(title) ? title : null;
    }

    private Task Tell(int type, string message) => client.ShowMessageAsync(new ShowMessageParams { Type = type, Message = message });
}
