using System.CommandLine;
using DeckLsp.Server.History;

namespace DeckLsp.Server.Cli;

/// <summary>
/// `decklsp history import --db OLD.db [FOLDER]`: brings what an older history database holds of the decks of the deck
/// repository at FOLDER (default: the current folder) into that repository's history, by hand (docs/history.md). It is
/// what the server does the first time it opens a repository, and adds nothing twice.
/// </summary>
internal static class HistoryCommand
{
    public static Command Create(TextWriter output, TextWriter error)
    {
        var database = new Option<string>("--db") { Description = "The older history database to bring in.", Required = true };
        var folder = new Argument<string?>("folder") { Arity = ArgumentArity.ZeroOrOne, Description = "A folder inside the deck repository (default: the current folder)." };
        var import = new Command("import", "Bring an older database's history of this repository's decks into its .decklsp/history/.");
        import.Options.Add(database);
        import.Arguments.Add(folder);
        import.SetAction(result => Import(result.GetValue(database)!, result.GetValue(folder) ?? Environment.CurrentDirectory, output, error));
        var command = new Command("history", "Work with the review history of a deck repository.");
        command.Subcommands.Add(import);
        return command;
    }

    public static int Import(string database, string folder, TextWriter output, TextWriter error)
    {
        var legacy = UserData.Current.Expand(database);
        if (!File.Exists(legacy))
        {
            error.WriteLine($"decklsp history import: no such database: {legacy}");
            return DeckCommandLine.UsageError;
        }

        var full = Path.GetFullPath(folder);
        if (DeckRepository.Find(Path.Combine(full, "x")) is not { } repository)
        {
            error.WriteLine($"decklsp history import: {full} is in no deck repository (no folder at or above it holds .git or .decklsp/); " +
                "create a .decklsp folder at the top of your decks to make one.");
            return DeckCommandLine.UsageError;
        }

        using var histories = CliHistory.Open(new CliHistory.Where(null), "history import", error);
        if (histories.For(Path.Combine(repository.Root, "x.deck.md")) is not RepositoryHistory target)
        {
            error.WriteLine("decklsp history import: the history is set to the per-user database, not the repository's.");
            return DeckCommandLine.UsageError;
        }

        target.Load();
        try
        {
            var results = HistoryMigration.Run(target, [legacy], DateTimeOffset.UtcNow, force: true);
            var ratings = results.Sum(r => r.Ratings);
            output.WriteLine(ratings == 0
                ? $"Nothing to bring: {legacy} holds no reviews of decks in {repository.Root} that its history lacks."
                : $"Brought {ratings} reviews of {results.Sum(r => r.Decks)} decks from {legacy} into {target.Log.Path}.");
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or HistoryBusyException or Microsoft.Data.Sqlite.SqliteException)
        {
            error.WriteLine($"decklsp history import: could not write the history of {repository.Root}: {e.Message} Nothing was acknowledged as brought; run it again once fixed.");
            return DeckCommandLine.UsageError;
        }
    }
}
