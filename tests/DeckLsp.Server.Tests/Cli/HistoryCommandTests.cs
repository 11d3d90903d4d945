using DeckLsp.Core.History;
using DeckLsp.Server.Tests.History;

namespace DeckLsp.Server.Tests.Cli;

/// <summary>`decklsp history import`: an older database's history of a repository's decks, brought in by hand, once.</summary>
public sealed class HistoryCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task An_old_databases_history_of_the_repositorys_decks_comes_in_once()
    {
        var root = Path.Combine(_folder.Path, "decks");
        Directory.CreateDirectory(Path.Combine(root, ".decklsp"));
        var (old, _) = HistoryKit.Legacy(Path.Combine(_folder.Path, "old.db"), Path.Combine(root, "a.deck.md"), "~0123456789ab");
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        var (code, output, error) = await CliRun.Run("history", "import", "--db", old, root);

        Assert.True(code == 0, error);
        Assert.Contains("Brought 2 reviews of 1 decks", output);
        Assert.Equal(2, HistoryProbe.RepositoryEvents(root).OfType<RatingEvent>().Count());

        (code, output, _) = await CliRun.Run("history", "import", "--db", old, root);

        Assert.Equal(0, code);
        Assert.Contains("Nothing to bring", output);
        Assert.Equal(2, HistoryProbe.RepositoryEvents(root).OfType<RatingEvent>().Count());
    }

    [Fact]
    public async Task A_folder_in_no_repository_is_a_usage_error_that_says_how_to_make_one()
    {
        var (old, _) = HistoryKit.Legacy(Path.Combine(_folder.Path, "old.db"), "/x/a.deck.md", "~0123456789ab");
        var plain = Directory.CreateDirectory(Path.Combine(_folder.Path, "plain")).FullName;

        var (code, _, error) = await CliRun.Run("history", "import", "--db", old, plain);

        Assert.Equal(2, code);
        Assert.Contains("create a .decklsp folder", error);
    }

    [Fact]
    public async Task A_missing_database_is_named()
    {
        var (code, _, error) = await CliRun.Run("history", "import", "--db", Path.Combine(_folder.Path, "nope.db"), _folder.Path);

        Assert.Equal(2, code);
        Assert.Contains("nope.db", error);
    }
}
