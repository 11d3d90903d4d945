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
    /// <param name="readOnly">For commands that only report: a missing database is not created, nothing is migrated.</param>
    public static Histories Open(string? database, string command, TextWriter error, bool readOnly = false)
    {
        var settings = ReviewSettings.Default;
        var options = new HistoryOptions(Database: database is null ? null : UserData.Current.Expand(database), ReadOnly: readOnly);
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
