using System.CommandLine;
using DeckLsp.Core.Documents;
using DeckLsp.Server.History;
using DeckLsp.Server.Reviews;
using DeckLsp.Server.Workspace;

namespace DeckLsp.Server.Cli;

/// <summary>
/// The command line's way into the review history: the seam the server uses (<see cref="Histories"/>), with the
/// default settings and its messages on stderr. A deck's history is its repository's, else the per-user database,
/// unless <c>--db</c> names one.
/// </summary>
internal static class CliHistory
{
    /// <summary>The options that say where the history is: <c>--db PATH</c> and <c>--history repository|user</c>.</summary>
    public sealed class Choice
    {
        public Option<string?> Database { get; } = new("--db")
        {
            Description = "A history database to use for every deck (default: each deck repository's .decklsp/history/, else $XDG_DATA_HOME/decklsp/reviews.db).",
        };

        public Option<string?> Place { get; } = new("--history")
        {
            Description = "repository (the default: a deck's repository keeps its history) or user (the per-user database for every deck).",
        };

        public Choice() => Place.AcceptOnlyFromAmong("repository", "user");

        public void AddTo(Command command)
        {
            command.Options.Add(Database);
            command.Options.Add(Place);
        }

        public Where Read(ParseResult result) => new(result.GetValue(Database), result.GetValue(Place) == "user" ? HistoryPlace.User : HistoryPlace.Repository);
    }

    /// <summary>Where the user asked for the history to be: a database for every deck, or a place.</summary>
    public sealed record Where(string? Database, HistoryPlace Place = HistoryPlace.Repository);

    /// <summary>
    /// <see cref="Open"/>, or false with a message naming <c>--db</c> when the path it gives cannot be a database's (it
    /// names nothing a file could be, or lies under a file).
    /// </summary>
    public static bool TryOpen(Where where, string command, TextWriter error, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Histories? histories,
        bool readOnly = false)
    {
        if (DatabaseProblem(where) is { } problem)
        {
            error.WriteLine($"decklsp {command}: {problem}");
            histories = null;
            return false;
        }

        histories = Open(where, command, error, readOnly);
        return true;
    }

    /// <summary>What is wrong with the path <c>--db</c> gives, as a sentence for the user; null when it can name a file.</summary>
    public static string? DatabaseProblem(Where where)
    {
        try
        {
            if (where.Database is { } database)
            {
                _ = UserData.Current.Expand(database);
            }

            return null;
        }
        catch (Exception e) when (FileProblem.Is(e))
        {
            return $"--db {where.Database}: {FileProblem.Reason(e)}; name the history database's file.";
        }
    }

    /// <param name="readOnly">For commands that only report: a missing database is not created, nothing is migrated.</param>
    public static Histories Open(Where where, string command, TextWriter error, bool readOnly = false)
    {
        var settings = ReviewSettings.Default;
        var options = new HistoryOptions(where.Place, where.Database is null ? null : UserData.Current.Expand(where.Database), ReadOnly: readOnly);
        return new Histories(options, UserData.Current, settings.Replay(), settings.Fingerprint(), message => error.WriteLine($"decklsp {command}: {message}"));
    }

    /// <summary>A deck read from disk, its history loaded and its cards linked to it.</summary>
    public static ReviewDeck Link(Histories histories, string path, DeckDocument document)
    {
        var full = Path.GetFullPath(path);
        var source = histories.Loaded(full);
        var link = DeckLink.Link(source, source.PlacementPath(full), document);
        return new ReviewDeck(DeckUri.FromPath(full), full, document, link, source.Current);
    }
}
