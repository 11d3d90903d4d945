using System.Text.Json;
using DeckLsp.Core.Interop;
using DeckLsp.Core.Optimization;
using DeckLsp.Core.Tests.Scheduling;

namespace DeckLsp.Core.Tests.Optimization;

/// <summary>tests/fixtures/optimizer: review logs and what fsrs-rs (its Node binding, generate.mjs) made of them.</summary>
internal static class OptimizerFixtures
{
    public static string Folder => Path.Combine(RepositoryPaths.Root, "tests", "fixtures", "optimizer");

    private static readonly Lazy<IReadOnlyDictionary<string, FixtureLog>> Logs = new(Load);

    public static FixtureLog Get(string file) => Logs.Value[file];

    private static IReadOnlyDictionary<string, FixtureLog> Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "results.json")));
        var logs = new Dictionary<string, FixtureLog>(StringComparer.Ordinal);
        foreach (var log in doc.RootElement.GetProperty("logs").EnumerateArray())
        {
            var file = log.GetProperty("file").GetString()!;
            var (rows, problem) = FsrsRevlogFormat.Read(File.ReadAllText(Path.Combine(Folder, file)));
            Assert.Null(problem);
            var zone = TimeZoneInfo.FindSystemTimeZoneById(log.GetProperty("timezone").GetString()!);
            var items = RevlogItems.From(rows, RevlogItems.DayIn(zone, log.GetProperty("nextDayStartsAt").GetInt32()));
            var fsrsRs = log.GetProperty("fsrsRs");
            logs[file] = new FixtureLog(file, items, log.GetProperty("items").GetInt32(), Evaluation(log.GetProperty("defaults")),
                fsrsRs.GetProperty("parameters").EnumerateArray().Select(p => p.GetDouble()).ToArray(), Evaluation(fsrsRs.GetProperty("evaluation")));
        }

        return logs;
    }

    private static (double LogLoss, double RmseBins) Evaluation(JsonElement e) => (e.GetProperty("logLoss").GetDouble(), e.GetProperty("rmseBins").GetDouble());
}

/// <summary>One committed log: our items for it, and fsrs-rs's item count, parameters and evaluations.</summary>
internal sealed record FixtureLog(string File, IReadOnlyList<FsrsItem> Items, int FsrsRsItems, (double LogLoss, double RmseBins) Defaults,
    IReadOnlyList<double> FsrsRsParameters, (double LogLoss, double RmseBins) FsrsRsEvaluation);
