namespace DeckLsp.Server.Tests.Executable;

/// <summary>
/// The history follows the decks through git: two clones playing two machines (their own device names and user data
/// folders), each studying through the real server, each merging the other with a plain pull.
/// </summary>
public sealed class TwoMachinesTests : IDisposable
{
    private const string Path = "rnn.deck.md";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Sample => File.ReadAllText(TestPaths.Sample("rnn.deck.md"));

    private (Machine Laptop, Machine Desktop, string Origin) Machines()
    {
        var origin = Machine.Origin(_folder.Path, new Dictionary<string, string> { [Path] = Sample });
        return (Machine.CloneOf(_folder.Path, origin, "laptop"), Machine.CloneOf(_folder.Path, origin, "desktop"), origin);
    }

    [Fact]
    public async Task Two_machines_that_both_studied_merge_without_conflict_and_derive_the_same_states()
    {
        var (laptop, desktop, origin) = Machines();
        await using (var session = await laptop.ServeAsync())
        {
            await session.OpenAsync(Path);
            await session.StudyAsync(Path, 4, 3, 5, 2, 4);
        }

        laptop.Sync("Studied on the laptop");

        // The desktop studied too (the same cards among them) before it pulled.
        await using (var session = await desktop.ServeAsync())
        {
            await session.OpenAsync(Path);
            await session.StudyAsync(Path, 1, 4, 4, 3, 5, 5, 4, 2, 4);
        }

        desktop.Sync("Studied on the desktop");
        laptop.Git("pull", "--no-rebase", "--no-edit", "origin", "main");

        Assert.Equal(["desktop.log", "laptop.log"], Directory.GetFiles(System.IO.Path.Combine(laptop.Clone, ".decklsp", "history"), "*.log")
            .Select(System.IO.Path.GetFileName).Order());
        Assert.Equal(Sample, File.ReadAllText(laptop.Deck(Path)));

        // A third machine with nothing but a clone derives what both others do.
        var third = Machine.CloneOf(_folder.Path, origin, "tablet");
        var histories = new List<IReadOnlyList<string>>();
        foreach (var machine in new[] { laptop, desktop, third })
        {
            await using var session = await machine.ServeAsync();
            await session.OpenAsync(Path);
            histories.Add(await session.HistoriesAsync(Path));
        }

        Assert.Equal(9, histories[0].Count);
        Assert.DoesNotContain(histories[0], h => h.EndsWith("new", StringComparison.Ordinal));
        Assert.Equal(histories[0], histories[1]);
        Assert.Equal(histories[0], histories[2]);
        var stats = laptop.Stats()[0];
        Assert.Equal(14, stats.GetProperty("reviews").GetInt32());
        foreach (var figure in new[] { "cards", "new", "due", "reviews" })
        {
            Assert.Equal(stats.GetProperty(figure).GetInt32(), third.Stats()[0].GetProperty(figure).GetInt32());
        }
    }

    [Fact]
    public async Task A_card_edited_in_the_editor_on_one_machine_keeps_its_history_on_the_other()
    {
        var (laptop, desktop, _) = Machines();
        await using (var session = await laptop.ServeAsync())
        {
            await session.OpenAsync(Path);
            await session.StudyAsync(Path, 4, 4);
            // The first card's question rewritten and its answer reworded, a keystroke's edit each, then saved.
            await session.EditAsync(Path, "Q: Recurrent Neural Networks (RNNs)", "Q: What are recurrent neural networks (RNNs)?");
            await session.EditAsync(Path, "are a powerful and flexible class", "are a flexible class");
        }

        laptop.Sync("Edited a card");
        desktop.Git("pull", "--no-rebase", "--no-edit", "origin", "main");

        await using var desktopSession = await desktop.ServeAsync();
        await desktopSession.OpenAsync(Path);
        var histories = await desktopSession.HistoriesAsync(Path);
        Assert.StartsWith("last ratings 4", histories[0][(histories[0].IndexOf(':') + 2)..]);
        Assert.StartsWith("last ratings 4", histories[1][(histories[1].IndexOf(':') + 2)..]);
        Assert.All(histories.Skip(2), h => Assert.EndsWith("new", h));
    }

    [Fact]
    public async Task After_a_pull_the_open_editor_shows_what_the_other_machine_reviewed()
    {
        var (laptop, desktop, _) = Machines();
        await using var desktopSession = await desktop.ServeAsync();
        await desktopSession.OpenAsync(Path);
        Assert.Contains("9 new", (await desktopSession.LensTitlesAsync(Path))[0]);

        await using (var session = await laptop.ServeAsync())
        {
            await session.OpenAsync(Path);
            await session.StudyAsync(Path, 4, 4, 4);
        }

        laptop.Sync("Studied three");
        desktop.Git("pull", "--no-rebase", "--no-edit", "origin", "main");
        await desktopSession.NotifyLogsChangedAsync();

        var deadline = DateTime.UtcNow + ServerProcess.Patience;
        string lens;
        while (!(lens = (await desktopSession.LensTitlesAsync(Path))[0]).Contains("6 new", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Contains("6 new", lens);
    }

    [Fact]
    public async Task A_session_started_after_a_pull_knows_what_the_other_machine_reviewed_without_being_told()
    {
        var (laptop, desktop, _) = Machines();
        await using var desktopSession = await desktop.ServeAsync();
        await desktopSession.OpenAsync(Path);
        await desktopSession.LensTitlesAsync(Path);

        await using (var session = await laptop.ServeAsync())
        {
            await session.OpenAsync(Path);
            await session.StudyAsync(Path, 5, 5, 5, 5);
        }

        laptop.Sync("Studied four");
        desktop.Git("pull", "--no-rebase", "--no-edit", "origin", "main");

        // No watched-file notification: the session start reads the logs itself.
        var step = await desktopSession.StartAsync(Path, mode: "due");
        Assert.Equal(5, step.GetProperty("progress").GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task An_undo_after_a_sync_is_merged_like_any_rating()
    {
        var (laptop, desktop, _) = Machines();
        await using (var session = await desktop.ServeAsync())
        {
            await session.OpenAsync(Path);
            await session.StudyAsync(Path, 3);
        }

        desktop.Sync("Desktop rated the first card");
        await using (var session = await laptop.ServeAsync())
        {
            await session.OpenAsync(Path);
            var step = await session.StartAsync(Path);
            step = await session.RateAsync(step, 4);
            step = await session.RateAsync(step, 2);

            // The desktop's rating arrives while the session is open; the laptop's own last rating is still its to undo.
            laptop.Git("pull", "--no-rebase", "--no-edit", "origin", "main");
            await session.NotifyLogsChangedAsync();
            await session.UndoAsync(step);
        }

        laptop.Sync("Laptop studied and took one back");
        desktop.Git("pull", "--no-rebase", "--no-edit", "origin", "main");

        var histories = new List<IReadOnlyList<string>>();
        foreach (var machine in new[] { laptop, desktop })
        {
            await using var session = await machine.ServeAsync();
            await session.OpenAsync(Path);
            histories.Add(await session.HistoriesAsync(Path));
        }

        Assert.Equal(histories[0], histories[1]);
        Assert.StartsWith("last ratings 3, 4", histories[0][0][(histories[0][0].IndexOf(':') + 2)..]);
        Assert.EndsWith("new", histories[0][1]);
    }
}
