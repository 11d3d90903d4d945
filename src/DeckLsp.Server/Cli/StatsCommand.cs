using System.CommandLine;
using Command = System.CommandLine.Command;
using System.Text.Json;
using System.Text.Json.Serialization;
using DeckLsp.Core.Optimization;
using DeckLsp.Core.Reviews;
using DeckLsp.Server.Hosting;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Reviews;

namespace DeckLsp.Server.Cli;

/// <summary>
/// `decklsp stats PATH...`: per deck, its cards, new, due now, reviews logged and reviews today, from the deck's history
/// (its repository's, else the per-user database, or <c>--db</c>). Never writes a deck.
/// </summary>
internal static class StatsCommand
{
    public static Command Create(CliHistory.Choice history, TextWriter output, TextWriter error)
    {
        var paths = new Argument<string[]>("paths") { Arity = ArgumentArity.OneOrMore, Description = "Deck files, folders or globs." };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var command = new Command("stats", "Show what is due and what was reviewed, per deck.");
        command.Arguments.Add(paths);
        history.AddTo(command);
        command.Options.Add(json);
        command.SetAction(result => Run(result.GetValue(paths)!, history.Read(result), result.GetValue(json), TimeProvider.System, output, error));
        return command;
    }

    public static int Run(string[] paths, CliHistory.Where history, bool json, TimeProvider time, TextWriter output, TextWriter error)
    {
        if (!DeckPaths.TryLoad(paths, "stats", error, out var decks))
        {
            return DeckCommandLine.UsageError;
        }

        if (!CliHistory.TryOpen(history, "stats", error, out var histories, readOnly: true))
        {
            return DeckCommandLine.UsageError;
        }

        using var _ = histories;
        var now = time.GetUtcNow();
        var today = ReviewService.StartOfDay(now, time.LocalTimeZone);
        var dayOf = RevlogItems.DayIn(time.LocalTimeZone);
        var rows = decks.Select(d => Measure(CliHistory.Link(histories, d.Path, d.Document), d.Path, now, today, dayOf)).ToList();

        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(new Report(rows), CliJson.Type(DeckJsonContext.Default.StatsReport)));
        }
        else
        {
            var width = Math.Max(4, rows.Count == 0 ? 0 : rows.Max(r => r.Path.Length));
            output.WriteLine($"{"deck".PadRight(width)}  {"cards",6} {"new",6} {"due",6} {"reviews",8} {"today",6}");
            foreach (var row in rows)
            {
                output.WriteLine($"{row.Path.PadRight(width)}  {row.Cards,6} {row.New,6} {row.Due,6} {row.Reviews,8} {row.ReviewsToday,6}");
            }

            WriteCharts(rows, dayOf(now), output);
        }

        return 0;
    }

    private static DeckStats Measure(ReviewDeck deck, string file, DateTimeOffset now, DateTimeOffset today, Func<DateTimeOffset, DateOnly> dayOf)
    {
        var figures = DeckFigures.Of(deck, now, today, dayOf);
        return new DeckStats(file, deck.Document.Deck.Title, figures.Cards, figures.New, figures.Due, figures.Reviews, figures.ReviewsToday,
            [.. figures.Memory.Calendar.Select(d => d.ToLsp())], figures.Memory.Forecast, [.. figures.Memory.Retention.Select(w => w.ToLsp())],
            figures.Memory.States.ToLsp());
    }

    // The decks together, as small text charts under the table: what falls due, reviews by week, retention, states.
    private static void WriteCharts(IReadOnlyList<DeckStats> rows, DateOnly today, TextWriter output)
    {
        if (rows.Count == 0)
        {
            return;
        }

        var forecast = Enumerable.Range(0, 30).Select(i => rows.Sum(r => r.Forecast[i])).ToArray();
        var byWeek = new int[12];
        foreach (var day in rows.SelectMany(r => r.Calendar))
        {
            var weeksAgo = (today.DayNumber - DateOnly.ParseExact(day.Date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).DayNumber) / 7;
            if (weeksAgo is >= 0 and < 12)
            {
                byWeek[11 - weeksAgo] += day.Reviews;
            }
        }

        var weeks = rows.SelectMany(r => r.Retention).GroupBy(w => w.Week).OrderBy(g => g.Key, StringComparer.Ordinal).TakeLast(8)
            .Select(g => (Week: g.Key, Reviews: g.Sum(w => w.Reviews), Passed: g.Sum(w => w.Passed))).ToList();
        output.WriteLine();
        output.WriteLine($"due, next 30 days   {Sparkline(forecast)}  {forecast.Sum()} cards, {forecast[0]} today");
        output.WriteLine($"reviews, 12 weeks   {Sparkline(byWeek)}  {byWeek.Sum()} reviews");
        output.WriteLine("true retention      " + (weeks.Count == 0 ? "no reviews of cards in review yet"
            : string.Join("  ", weeks.Select(w => $"{w.Week[5..]} {(100.0 * w.Passed / w.Reviews).ToString("0", System.Globalization.CultureInfo.InvariantCulture)}%"))));
        output.WriteLine($"cards by state      {rows.Sum(r => r.States.New)} new, {rows.Sum(r => r.States.Learning)} learning, " +
            $"{rows.Sum(r => r.States.Review)} review, {rows.Sum(r => r.States.Relearning)} relearning");
    }

    /// <summary>One character per value, ▁ to █ scaled to the largest; · for none.</summary>
    internal static string Sparkline(IReadOnlyList<int> values)
    {
        const string bars = "▁▂▃▄▅▆▇█";
        var max = values.Count == 0 ? 0 : values.Max();
        return string.Concat(values.Select(v => v == 0 ? '·' : bars[Math.Max(0, (int)Math.Ceiling(v * 8.0 / max) - 1)]));
    }

    /// <summary>What `stats --json` prints.</summary>
    internal sealed record Report([property: JsonPropertyName("decks")] IReadOnlyList<DeckStats> Decks);

    internal sealed record DeckStats(
        [property: JsonPropertyName("path")] string Path,
        [property: JsonPropertyName("title")] string Title,
        [property: JsonPropertyName("cards")] int Cards,
        [property: JsonPropertyName("new")] int New,
        [property: JsonPropertyName("due")] int Due,
        [property: JsonPropertyName("reviews")] int Reviews,
        [property: JsonPropertyName("reviewsToday")] int ReviewsToday,
        [property: JsonPropertyName("calendar")] IReadOnlyList<StatisticsDay> Calendar,
        [property: JsonPropertyName("forecast")] IReadOnlyList<int> Forecast,
        [property: JsonPropertyName("retention")] IReadOnlyList<StatisticsWeek> Retention,
        [property: JsonPropertyName("states")] StatisticsStates States);
}
