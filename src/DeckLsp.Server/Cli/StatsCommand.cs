using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using DeckLsp.Server.Hosting;
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
        var rows = decks.Select(d => Measure(CliHistory.Link(histories, d.Path, d.Document), d.Path, now, today)).ToList();

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
        }

        return 0;
    }

    // Cards are counted as they are studied: a cloze card once per deletion. Reviews are those of the deck's history,
    // cram ratings and orphaned cards' included, undone ones not.
    private static DeckStats Measure(ReviewDeck deck, string file, DateTimeOffset now, DateTimeOffset today)
    {
        var items = deck.ReviewItems().Select(i => deck.Of(i.ReviewKey).State).ToList();
        var ratings = deck.History.IdentityOf(deck.Link.Deck).Rated.SelectMany(k => deck.Of(k).Ratings).ToList();
        return new DeckStats(file, deck.Document.Deck.Title, items.Count, items.Count(s => s is null),
            items.Count(s => s is not null && s.Due <= now), ratings.Count, ratings.Count(r => r.At >= today));
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
        [property: JsonPropertyName("reviewsToday")] int ReviewsToday);
}
