using System.Text.Json;
using DeckLsp.Core.Identity;
using DeckLsp.Core.Interop;
using DeckLsp.Server.Hosting;
using DeckLsp.Server.Interop;
using DeckLsp.Server.Workspace;

namespace DeckLsp.Server.Cli;

/// <summary>
/// `decklsp import PACKAGE -o DECK --history-only`: a package we exported comes back from Anki (or AnkiDroid) with the
/// reviews made there. Its notes name their deck and cards in their key field, so the reviews go to the cards they were
/// made for, even after the deck was edited, and the deck's text is never touched: the history lives beside it.
/// </summary>
internal static partial class ImportCommand
{
    /// <summary>What `import --history-only --json` prints.</summary>
    internal sealed record ReviewsBackReport(
        [property: System.Text.Json.Serialization.JsonPropertyName("deck")] string Deck,
        [property: System.Text.Json.Serialization.JsonPropertyName("reviews")] int Reviews,
        [property: System.Text.Json.Serialization.JsonPropertyName("cards")] int Cards,
        [property: System.Text.Json.Serialization.JsonPropertyName("alreadyThere")] int AlreadyThere,
        [property: System.Text.Json.Serialization.JsonPropertyName("database")] string Database,
        [property: System.Text.Json.Serialization.JsonPropertyName("notes")] IReadOnlyList<string> Notes);

    private static int ReviewsBack(Request request, string deckPath, TimeProvider time, TextWriter output, TextWriter error)
    {
        var source = request.Source;
        if (!File.Exists(deckPath))
        {
            throw new ImportFailed($"--history-only adds reviews to a deck that exists, and {deckPath} does not: name it with -o.");
        }

        var (opened, problem) = AnkiPackage.Open(source, UnpackBudget.FromMegabytes(request.MaxMediaFileMegabytes, request.MaxMediaMegabytes));
        if (opened is null)
        {
            throw new ImportFailed($"{source}: {problem}");
        }

        OurReviews read;
        using (opened)
        {
            read = AnkiCollectionImport.ReviewsOfOurNotes(opened.Collection);
        }

        if (read.Decks.Count == 0)
        {
            throw new ImportFailed($"{source}: none of its notes came from a DeckLsp export, so they name no deck to bring reviews back to; " +
                "import it without --history-only to make a deck of it. Nothing was written.");
        }

        var file = DeckFileReader.Read(Path.GetFullPath(deckPath));
        using var histories = CliHistory.Open(request.History, "import", error);
        var deck = CliHistory.Link(histories, file.Path, file.Document);
        var deckKey = deck.Link.Deck.ToString();
        var reviewKeys = deck.Link.ReviewItems(file.Document.Deck).Select(i => i.ReviewKey.Local).ToHashSet(StringComparer.Ordinal);
        var others = read.Decks.Where(d => d != deckKey).ToList();
        if (others.Count == read.Decks.Count)
        {
            throw new ImportFailed($"{source}: its notes came from {string.Join(", ", others)}, not from {deckPath} ({deckKey}); " +
                "give the deck they were exported from with -o. Nothing was written.");
        }

        var notes = read.Notes.ToList();
        var moved = Refound(read, deckKey, deck);
        var mine = read.Reviews.Where(r => r.DeckKey == deckKey).Select(r => Moved(r.Review, deck.Link.Deck, moved)).ToList();
        var known = mine.Where(r => reviewKeys.Contains(r.ReviewKey)).ToList();
        if (others.Count > 0)
        {
            notes.Add($"the reviews of notes from {string.Join(", ", others)} were left out: they belong to other decks (import the package into each with -o).");
        }

        if (read.OtherNotes > 0)
        {
            notes.Add($"{Plural(read.OtherNotes, "note")} not exported by DeckLsp {(read.OtherNotes == 1 ? "was" : "were")} left out.");
        }

        if (known.Count < mine.Count)
        {
            var gone = mine.Where(r => !reviewKeys.Contains(r.ReviewKey)).Select(r => r.ReviewKey).Distinct(StringComparer.Ordinal).Count();
            notes.Add($"{Plural(mine.Count - known.Count, "review")} of {Plural(gone, "card")} the deck no longer has {(mine.Count - known.Count == 1 ? "was" : "were")} left out.");
        }

        HistoryOutcome outcome;
        try
        {
            outcome = HistoryImport.Write(deck, known, time.GetUtcNow());
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or History.HistoryBusyException or IOException or UnauthorizedAccessException)
        {
            throw new ImportFailed($"{deckPath}: its review history could not be written ({e.Message.TrimEnd('.')}); nothing was added. Run the same import again once that is fixed.");
        }

        if (request.Json)
        {
            output.WriteLine(JsonSerializer.Serialize(new ReviewsBackReport(deckPath, outcome.Reviews, outcome.Cards, outcome.AlreadyKnown, outcome.Where, notes),
                CliJson.Type(DeckJsonContext.Default.ReviewsBackReport)));
        }
        else
        {
            var already = outcome.AlreadyKnown > 0 ? $" ({outcome.AlreadyKnown} already there)" : "";
            output.WriteLine($"{deckPath}: unchanged; {Plural(outcome.Reviews, "review")} of {Plural(outcome.Cards, "card")} into {outcome.Where}{already}");
            foreach (var note in notes)
            {
                error.WriteLine($"decklsp import: note: {note}");
            }
        }

        return 0;
    }

    /// <summary>
    /// The exported cards the deck no longer holds under their keys (edited since, and never rated, so the history had
    /// not recorded them), found again by their text in the package, as the history finds cards edited outside the
    /// editor: old key → the key of the card that is it now.
    /// </summary>
    private static Dictionary<string, string> Refound(OurReviews read, string deckKey, Reviews.ReviewDeck deck)
    {
        var keys = deck.Link.Cards.Select(k => k.Value).ToList();
        var linked = keys.ToHashSet(StringComparer.Ordinal);
        var lost = read.Exported.Where(e => e.DeckKey == deckKey && !linked.Contains(e.Card.Key)).Select(e => e.Card).ToList();
        var taken = read.Exported.Where(e => e.DeckKey == deckKey).Select(e => e.Card.Key).ToHashSet(StringComparer.Ordinal);
        var free = Enumerable.Range(0, keys.Count).Where(i => !taken.Contains(keys[i])).ToList();
        if (lost.Count == 0 || free.Count == 0)
        {
            return [];
        }

        var prints = CardFingerprint.AllOf(deck.Document.Deck, deck.Document.Text);
        var relinked = CardIdentity.Relink(lost, free.Select(i => prints[i] with { Id = null }).ToList(), (_, attempt) => $"\u0000{attempt}");
        var found = lost.Select(l => l.Key).ToHashSet(StringComparer.Ordinal);
        return free.Select((card, i) => (Old: relinked.Keys[i], New: keys[card])).Where(p => found.Contains(p.Old))
            .ToDictionary(p => p.Old, p => p.New, StringComparer.Ordinal);
    }

    // A review under the key its card has now: the card part moved, the deletion or direction kept.
    private static ImportedReview Moved(ImportedReview review, DeckKey deck, Dictionary<string, string> moved)
    {
        var key = ReviewKey.Parse(deck, review.ReviewKey);
        return moved.TryGetValue(key.Card.Value, out var now) ? review with { ReviewKey = (key with { Card = new CardKey(now) }).Local } : review;
    }
}
