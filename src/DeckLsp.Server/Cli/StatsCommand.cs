using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using DeckLsp.Core.Documents;
using DeckLsp.Server.Hosting;
using DeckLsp.Core.Reviews;
using DeckLsp.Server.Reviews;
using DeckLsp.Server.Storage;

namespace DeckLsp.Server.Cli;

/// <summary>`decklsp stats PATH...`: per deck, its cards, new, due now, reviews logged and reviews today. Reads only.</summary>
internal static class StatsCommand
{
    public static Command Create(Option<string?> database, TextWriter output, TextWriter error)
    {
        var paths = new Argument<string[]>("paths") { Arity = ArgumentArity.OneOrMore, Description = "Deck files, folders or globs." };
        var json = new Option<bool>("--json") { Description = "Print JSON." };
        var command = new Command("stats", "Show what is due and what was reviewed, per deck.");
        command.Arguments.Add(paths);
        command.Options.Add(database);
        command.Options.Add(json);
        command.SetAction(result => Run(result.GetValue(paths)!, result.GetValue(database), result.GetValue(json), TimeProvider.System, output, error));
        return command;
    }

    public static int Run(string[] paths, string? databasePath, bool json, TimeProvider time, TextWriter output, TextWriter error)
    {
        if (!DeckPaths.TryLoad(paths, "stats", error, out var decks))
        {
            return DeckCommandLine.UsageError;
        }

        var path = ReviewDatabasePaths.Choose(databasePath, null);
        ReviewStore? store = null;
        if (File.Exists(path))
        {
            var opened = ReviewStore.Open(path);
            if (opened.Warning is { } warning)
            {
                error.WriteLine($"decklsp stats: {warning}");
            }

            store = opened.Store;
        }

        using (store)
        {
            var now = time.GetUtcNow();
            var today = ReviewService.StartOfDay(now, time.LocalTimeZone);
            var rows = decks.Select(d => Measure(store, d.Path, d.Document, now, today)).ToList();

            if (json)
            {
                output.WriteLine(JsonSerializer.Serialize(new Report(rows), DeckJsonContext.Default.StatsReport));
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
    }

    // Cards are counted as they are studied: a cloze card once per deletion.
    private static DeckStats Measure(ReviewStore? store, string file, DeckDocument document, DateTimeOffset now, DateTimeOffset today)
    {
        var deck = document.Deck;
        var items = deck.Cards.Sum(c => c.Kind == Core.Model.CardKind.Cloze ? Math.Max(1, c.Deletions.Count) : 1);
        if (store is null || CardKeyTracker.KnownDeckKey(store, Path.GetFullPath(file), document) is not { } deckKey)
        {
            return new DeckStats(file, deck.Title, items, items, 0, 0, 0);
        }

        var keys = CardKeyTracker.Relink(store, deckKey, document).Keys;
        var storeKeys = deck.Cards.SelectMany((card, i) => CardKeys.ReviewKeys(card, keys[i])).Select(k => ReviewService.StoreKey(deckKey, k)).ToList();
        var states = store.GetStates(storeKeys);
        var counts = store.CountReviews(deckKey, today, now.AddTicks(1));
        return new DeckStats(file, deck.Title, storeKeys.Count, storeKeys.Count(k => !states.ContainsKey(k)),
            states.Values.Count(s => s.Due <= now), counts.Reviews, counts.ReviewsInRange);
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
