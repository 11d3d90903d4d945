using System.CommandLine;
using DeckLsp.Core.History;
using DeckLsp.Core.Model;
using DeckLsp.Core.Rendering;
using DeckLsp.Core.Reviews;
using DeckLsp.Server.History;
using DeckLsp.Server.Reviews;
using DeckLsp.Server.Workspace;
using Spectre.Console;

namespace DeckLsp.Server.Cli;

/// <summary>
/// `decklsp study PATH... [--tag TAG]... [--cram] [--new N] [--no-load-balance]`: a study session in the terminal (keys, with
/// Spectre.Console), or over lines when input is piped. Plans, rates and undoes through what the server's sessions use
/// (<see cref="SessionPlan"/>, <see cref="SessionLog"/>), so the history holds the same events either way.
/// </summary>
internal static class StudyCommand
{
    public static Command Create(CliHistory.Choice history, TextWriter output, TextWriter error)
    {
        var paths = new Argument<string[]>("paths") { Arity = ArgumentArity.OneOrMore, Description = "Deck files, folders or globs." };
        var tags = new Option<string[]>("--tag") { Description = "Study only cards with this tag (or a tag under it); repeat for any of several." };
        var cram = new Option<bool>("--cram") { Description = "Every card in scope; ratings are logged as cram ratings and leave schedules alone." };
        var fresh = new Option<int?>("--new") { Description = "New cards this session (default: the daily limit less those already introduced today)." };
        fresh.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is < 0)
            {
                result.AddError("--new cannot be negative.");
            }
        });
        var noBalance = new Option<bool>("--no-load-balance")
        {
            Description = "Schedule each interval on its fuzzed day, not on the least loaded day of its fuzz range.",
        };
        var command = new Command("study", "Study decks in the terminal (or over piped lines).");
        command.Arguments.Add(paths);
        command.Options.Add(tags);
        command.Options.Add(cram);
        command.Options.Add(fresh);
        command.Options.Add(noBalance);
        history.AddTo(command);
        command.SetAction(result =>
        {
            var request = new Request(result.GetValue(paths)!, result.GetValue(tags) ?? [], result.GetValue(cram), result.GetValue(fresh), history.Read(result))
            {
                LoadBalance = !result.GetValue(noBalance),
            };
            if (!Console.IsInputRedirected && !Console.IsOutputRedirected && ReferenceEquals(output, Console.Out))
            {
                var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Out) });
                return TerminalStudyScreen.OnItsOwnScreen(console, error, (screen, held) => Run(request, screen, TimeProvider.System, held));
            }

            return Run(request, new LineStudyScreen(Console.In, output), TimeProvider.System, error);
        });
        return command;
    }

    public sealed record Request(string[] Paths, IReadOnlyList<string> Tags, bool Cram, int? NewCards, CliHistory.Where History)
    {
        /// <summary>Whether ratings take the least loaded day of their fuzz range (the setting's default: on).</summary>
        public bool LoadBalance { get; init; } = ReviewSettings.Default.LoadBalance;
    }

    public static int Run(Request request, IStudyScreen screen, TimeProvider time, TextWriter error)
    {
        if (request.Paths.FirstOrDefault(p => File.Exists(p) && !p.EndsWith(DeckUri.Extension, StringComparison.OrdinalIgnoreCase)) is { } notDeck)
        {
            error.WriteLine($"decklsp study: {notDeck} is not a deck: deck files end in {DeckUri.Extension}.");
            return DeckCommandLine.UsageError;
        }

        if (SessionPlan.TagProblem(request.Tags) is { } tagProblem)
        {
            error.WriteLine($"decklsp study: --tag {tagProblem}.");
            return DeckCommandLine.UsageError;
        }

        if (!DeckPaths.TryLoad(request.Paths, "study", error, out var files))
        {
            return DeckCommandLine.UsageError;
        }

        if (files.Count == 0)
        {
            error.WriteLine($"decklsp study: no deck file in {string.Join(", ", request.Paths)}.");
            return DeckCommandLine.UsageError;
        }

        if (!CliHistory.TryOpen(request.History, "study", error, out var histories))
        {
            return DeckCommandLine.UsageError;
        }

        using var _ = histories;
        List<ReviewDeck> decks;
        try
        {
            decks = files.Select(f => CliHistory.Link(histories, f.Path, f.Document)).ToList();
        }
        catch (Exception e) when (FileProblem.Is(e) || e is Microsoft.Data.Sqlite.SqliteException or InvalidDataException)
        {
            error.WriteLine($"decklsp study: the review history could not be opened: {e.Message}");
            return DeckCommandLine.UsageError;
        }

        if (decks.Select(d => d.Link.Source).OfType<DatabaseHistory>().FirstOrDefault(h => h.Problem is not null) is { } unusable)
        {
            error.WriteLine($"decklsp study: no rating could be saved in {unusable.Name}: nothing studied.");
            return DeckCommandLine.UsageError;
        }

        var settings = ReviewSettings.Default;
        var balanceIn = request.LoadBalance ? time.LocalTimeZone : null;
        var now = Now(time);
        var options = request.NewCards is { } limit ? settings.Session with { NewCardsPerDay = limit } : settings.Session;
        var today = ReviewService.StartOfDay(now, time.LocalTimeZone);
        Func<ReviewDeck, int> introduced = request.NewCards is null ? deck => deck.History.IntroducedSince(deck.Link.Deck, today) : _ => 0;
        var scope = decks.Select(deck => (deck, SessionPlan.Tagged(deck, deck.ReviewItems(), request.Tags).ToList())).ToList();
        var cards = new Dictionary<string, (ReviewDeck Deck, Card Card, string Where)>(StringComparer.Ordinal);
        foreach (var ((deck, items), file) in scope.Zip(files))
        {
            foreach (var (card, _, reviewKey) in items)
            {
                cards.TryAdd(reviewKey.ToString(), (deck, card, $"{file.Path}:{deck.Document.Lines.GetLine(card.Span.Start) + 1}"));
            }
        }

        string? failed = null;
        var session = SessionPlan.Start("terminal", scope, request.Cram ? SessionMode.Cram : SessionMode.Due, now, options, introduced);
        while (session.Current is { } key)
        {
            var item = session.Items[key];
            var (deck, card, where) = cards[key];
            now = Now(time);
            var intervals = SessionLog.Intervals(session, key, now, balanceIn);
            var view = new StudyView(TextRenderer.Render(card, deck.Document.Text, item.ReviewKey.Deletion, item.ReviewKey.Reverse), intervals, request.Cram,
                session.Rated.Count, session.Queue.Count, where);
            var shown = time.GetTimestamp();
            var choice = screen.Question(view);
            if (choice.Action == StudyAction.Answer)
            {
                choice = screen.Answer(view);
            }

            if (choice.Action == StudyAction.Quit)
            {
                break;
            }

            if (choice.Action == StudyAction.Undo)
            {
                var undone = session.Rated.TryPeek(out var last) ? cards[last.Key].Where : null;
                screen.Tell(SessionLog.Undo(session, Now(time)) ?? $"Undid the rating of {undone}.");

                continue;
            }

            // Capped as the server caps deck/rate's durationMs: a card left on screen over lunch is no outlier.
            var spent = Math.Min((long)time.GetElapsedTime(shown).TotalMilliseconds, ReviewSessions.MaxAnswerMs);
            try
            {
                var seen = SessionLog.Rate(session, deck, choice.Rating, spent, Now(time), deck.Replay.Scale, balanceIn);
                item.Source.RecordSeen(item.ReviewKey.Deck, seen);
            }
            catch (Exception e) when (e is HistoryBusyException || FileProblem.Is(e) || e is Microsoft.Data.Sqlite.SqliteException)
            {
                // Nothing of this rating was written; those before it were, and stay.
                failed = $"decklsp study: the rating of {where} could not be saved ({e.Message}); the session ends here.";
                break;
            }
        }

        screen.End(new StudySummary(session.Rated.Select(r => r.Key).Distinct().Count(), session.Ratings[1..], Now(time) - session.Started, request.Cram));
        if (failed is not null)
        {
            error.WriteLine(failed);
            return 1;
        }

        return 0;
    }

    // As the history keeps times: UTC, to the millisecond.
    private static DateTimeOffset Now(TimeProvider time) => HistoryLine.Truncate(time.GetUtcNow());
}
