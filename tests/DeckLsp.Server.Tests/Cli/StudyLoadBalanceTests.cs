using DeckLsp.Server.Tests.Executable;

namespace DeckLsp.Server.Tests.Cli;

/// <summary>`decklsp study` balances as the editor's sessions do, and `--no-load-balance` turns it off.</summary>
public sealed class StudyLoadBalanceTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    // A deck repository with the target due now and the other days of its Good range loaded; the path of the deck.
    private (string Deck, LoadBalanceProcessTests.Layout Layout) Repository()
    {
        var layout = LoadBalanceProcessTests.Plan(DateTimeOffset.UtcNow);
        _folder.Write(".decklsp/history/past.log", layout.Log);
        return (_folder.Write("balance.deck.md", layout.Deck), layout);
    }

    // The lines this run's device wrote (every log but the prepared one).
    private string[] Written() =>
        Directory.GetFiles(Path.Combine(_folder.Path, ".decklsp", "history"), "*.log")
            .Where(log => Path.GetFileName(log) != "past.log")
            .SelectMany(File.ReadAllLines).ToArray();

    [Fact]
    public async Task A_good_rating_in_the_terminal_takes_the_empty_day_its_button_shows()
    {
        var (deck, layout) = Repository();

        var (code, output, error) = await StudyRun.Piped(StudyRun.Ratings(4), deck);

        Assert.True(code == 0, error);
        Assert.Contains($"{layout.EmptyDay}d", output, StringComparison.Ordinal);
        Assert.Contains(Written(), line => line.StartsWith("b\t", StringComparison.Ordinal) && line.EndsWith($"\t{layout.EmptyDay}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_no_load_balance_nothing_is_recorded_beside_the_rating()
    {
        var (deck, _) = Repository();

        var (code, _, error) = await StudyRun.Piped(StudyRun.Ratings(4), deck, "--no-load-balance");

        Assert.True(code == 0, error);
        Assert.Contains(Written(), line => line.StartsWith("r\t", StringComparison.Ordinal));
        Assert.DoesNotContain(Written(), line => line.StartsWith("b\t", StringComparison.Ordinal));
    }
}
