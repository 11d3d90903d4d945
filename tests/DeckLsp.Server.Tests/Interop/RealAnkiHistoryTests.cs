using System.Globalization;
using System.Text.Json;
using DeckLsp.Core.History;
using DeckLsp.Server.Reviews;
using DeckLsp.Server.History;
using DeckLsp.Server.Tests.Cli;
using DeckLsp.Server.Tests.History;

namespace DeckLsp.Server.Tests.Interop;

/// <summary>
/// A real Anki user's review history (tests/fixtures/optimizer/real.revlog.csv, 6,779 revlog rows of 1,061 cards) in an
/// Anki package: `decklsp import` keeps every rated review, and `decklsp optimize` fits the imported history at least
/// as well as the parameters fsrs-rs fitted to the same revlog (results.json), by the same evaluation.
/// </summary>
public sealed class RealAnkiHistoryTests : IDisposable
{
    private const long DeckId = 1632817000000;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static string Fixture(string name) => Path.Combine(TestPaths.RepositoryRoot, "tests", "fixtures", "optimizer", name);

    private static (long Id, long Card, int Ease, int Type)[] Revlog() =>
        File.ReadAllLines(Fixture("real.revlog.csv")).Skip(1).Select(line => line.Split(','))
            .Select(f => (long.Parse(f[0], CultureInfo.InvariantCulture), long.Parse(f[1], CultureInfo.InvariantCulture),
                int.Parse(f[3], CultureInfo.InvariantCulture), int.Parse(f[8], CultureInfo.InvariantCulture)))
            .ToArray();

    // The notes are not part of the fixture (only the revlog is), so each card gets a note of its own saying which it is.
    private string Package()
    {
        var builder = new AnkiPackageBuilder().Deck(DeckId, "Real history");
        var revlog = Revlog();
        foreach (var card in revlog.Select(r => r.Card).Distinct())
        {
            builder.Note(card, "real-" + card.ToString(CultureInfo.InvariantCulture), AnkiPackageBuilder.BasicType, [$"Card {card}", "Its answer"])
                .Card(card, card, DeckId);
        }

        foreach (var (id, card, ease, type) in revlog)
        {
            builder.Review(card, DateTimeOffset.FromUnixTimeMilliseconds(id), ease, type);
        }

        var path = Path.Combine(_folder.Path, "real.apkg");
        builder.Write(path);
        return path;
    }

    private static double[] FsrsRsParameters()
    {
        using var results = JsonDocument.Parse(File.ReadAllText(Fixture("results.json")));
        var real = results.RootElement.GetProperty("logs").EnumerateArray().Single(l => l.GetProperty("file").GetString() == "real.csv");
        return real.GetProperty("fsrsRs").GetProperty("parameters").EnumerateArray().Select(p => p.GetDouble()).ToArray();
    }

    [Fact]
    public async Task Imported_real_history_fits_as_well_as_fsrs_rs_fits_its_revlog()
    {
        var database = Path.Combine(_folder.Path, "reviews.db");
        var deck = Path.Combine(_folder.Path, "real.deck.md");
        var (imported, importOutput, importError) = await CliRun.Run("import", Package(), "-o", deck, "--db", database);
        Assert.True(imported == 0, importError);
        var rated = Revlog().Count(r => r.Ease is >= 1 and <= 4);
        Assert.Contains($"{rated} reviews of", importOutput);

        // fsrs-rs's parameters become the current ones, so the report's "current" is their evaluation on our items.
        using (var history = new DatabaseHistory(database, HistoryProbe.Replay, ReviewSettings.Default.Fingerprint(), "fixture"))
        {
            history.Load();
            history.Append([new ParametersEvent(default, DateTimeOffset.UtcNow, FsrsRsParameters())]);
        }

        var (code, output, error) = await CliRun.Run("optimize", "--json", "--db", database, deck);

        Assert.True(code == 0, error);
        var report = JsonDocument.Parse(output).RootElement;
        Assert.Equal("fitted", report.GetProperty("outcome").GetString());
        Assert.Equal(rated, report.GetProperty("reviews").GetInt32());
        Assert.Equal(FsrsRsParameters(), report.GetProperty("current").GetProperty("parameters").EnumerateArray().Select(p => p.GetDouble()));
        var fsrsRs = report.GetProperty("current").GetProperty("logLoss").GetDouble();
        var ours = report.GetProperty("fitted").GetProperty("logLoss").GetDouble();
        Assert.True(ours <= fsrsRs * 1.01, $"our log loss {ours:F5} against fsrs-rs's parameters' {fsrsRs:F5} on the imported history");
    }
}
