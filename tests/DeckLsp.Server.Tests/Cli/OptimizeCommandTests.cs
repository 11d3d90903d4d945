using System.Text.Json;

namespace DeckLsp.Server.Tests.Cli;

/// <summary>`decklsp optimize`: fitting parameters to a repository's history, too little history, and --apply.</summary>
public sealed class OptimizeCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string RepositoryWithSimulatedHistory() => Reviews.FixtureRatings.Repository(_folder, "Q: one\nA: 1\n");

    [Fact]
    public async Task Optimize_fits_parameters_that_predict_the_history_better_than_the_defaults()
    {
        var deck = RepositoryWithSimulatedHistory();

        var (code, output, error) = await CliRun.Run("optimize", "--json", deck);

        Assert.True(code == 0, error);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.Equal("fitted", report.GetProperty("outcome").GetString());
        Assert.Equal(21, report.GetProperty("parameters").GetArrayLength());
        Assert.Equal(3071, report.GetProperty("reviews").GetInt32());
        var current = report.GetProperty("current").GetProperty("logLoss").GetDouble();
        var fitted = report.GetProperty("fitted").GetProperty("logLoss").GetDouble();
        Assert.True(fitted < current, $"fitted {fitted}, current {current}");
        Assert.True(report.GetProperty("better").GetBoolean());
        Assert.False(report.GetProperty("applied").GetBoolean());
        Assert.Contains("epoch 5/5, 100%", error);
        Assert.False(Directory.EnumerateFiles(Path.Combine(_folder.Path, ".decklsp", "history")).Any(f => !f.EndsWith("fixture.log", StringComparison.Ordinal)),
            "optimize without --apply wrote to the history");
    }

    [Fact]
    public async Task Apply_records_the_parameters_and_the_next_run_schedules_with_them()
    {
        var deck = RepositoryWithSimulatedHistory();

        var (code, output, error) = await CliRun.Run("optimize", "--json", "--apply", deck);

        Assert.True(code == 0, error);
        var first = JsonDocument.Parse(output).RootElement;
        Assert.True(first.GetProperty("applied").GetBoolean());
        var fitted = first.GetProperty("parameters").EnumerateArray().Select(p => p.GetDouble()).ToArray();
        var written = Directory.EnumerateFiles(Path.Combine(_folder.Path, ".decklsp", "history"), "*.log")
            .Where(f => !f.EndsWith("fixture.log", StringComparison.Ordinal)).SelectMany(File.ReadAllLines).Where(l => l.StartsWith("p\t", StringComparison.Ordinal)).ToList();
        Assert.Single(written);

        var (again, secondOutput, _) = await CliRun.Run("optimize", "--json", deck);

        Assert.Equal(0, again);
        var second = JsonDocument.Parse(secondOutput).RootElement;
        Assert.Equal(fitted, second.GetProperty("current").GetProperty("parameters").EnumerateArray().Select(p => p.GetDouble()));
        Assert.Equal(first.GetProperty("fitted").GetProperty("logLoss").GetDouble(), second.GetProperty("current").GetProperty("logLoss").GetDouble(), 6);
    }

    [Fact]
    public async Task Too_little_history_says_so_keeps_the_parameters_and_exits_cleanly()
    {
        Directory.CreateDirectory(Path.Combine(_folder.Path, ".decklsp"));
        var deck = _folder.Write("few.deck.md", "Q: one\nA: 1\n");

        var (code, output, _) = await CliRun.Run("optimize", "--apply", deck);

        Assert.Equal(0, code);
        Assert.Contains("Too little history to fit parameters: 0 review(s)", output);
        Assert.Contains("Keeping the current parameters.", output);
        Assert.False(Directory.Exists(Path.Combine(_folder.Path, ".decklsp", "history")) &&
            Directory.EnumerateFiles(Path.Combine(_folder.Path, ".decklsp", "history")).SelectMany(File.ReadAllLines).Any(l => l.StartsWith("p\t", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_folder_without_decks_is_a_usage_error()
    {
        var (code, _, error) = await CliRun.Run("optimize", _folder.Path);

        Assert.Equal(2, code);
        Assert.Contains("no deck file", error);
    }
}
