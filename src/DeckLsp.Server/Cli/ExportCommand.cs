using System.CommandLine;
using DeckLsp.Core.Documents;
using DeckLsp.Core.Interop;
using DeckLsp.Core.Model;
using DeckLsp.Core.Identity;
using DeckLsp.Core.Reviews;
using DeckLsp.Server.History;
using DeckLsp.Server.Interop;
using DeckLsp.Server.Reviews;
using DeckLsp.Core.Scheduling;

namespace DeckLsp.Server.Cli;

/// <summary>
/// `decklsp export DECK... --format anki-text|apkg|tsv|fsrs-revlog [-o OUT] [--db PATH]`: the decks as an Anki text export
/// (GUIDs from card keys), an Anki package with media and review history (-o required), a Quizlet-style table, or their
/// review log in the FSRS optimizer's CSV. Prints to stdout without -o; with it, the file appears whole or not at all.
/// Exit 0, or 2 for a usage error or an unreadable deck.
/// </summary>
internal static class ExportCommand
{
    public static Command Create(CliHistory.Choice history, TextWriter output, TextWriter error)
    {
        var paths = new Argument<string[]>("decks") { Arity = ArgumentArity.OneOrMore, Description = "Deck files, folders or globs." };
        var format = new Option<string>("--format") { Description = "anki-text, apkg (an Anki package, with -o), tsv or fsrs-revlog.", Required = true };
        format.AcceptOnlyFromAmong("anki-text", "apkg", "tsv", "fsrs-revlog");
        var outputPath = new Option<string?>("--output", "-o") { Description = "The file to write (default: standard output)." };
        var keepFormulas = new Option<bool>("--keep-formulas")
        {
            Description = "tsv: write fields starting with = + - @ exactly, not behind an apostrophe (for Quizlet; never open the file in a spreadsheet).",
        };
        var command = new Command("export", "Export decks for Anki or Quizlet, or their review log for the FSRS optimizer.");
        command.Arguments.Add(paths);
        command.Options.Add(format);
        command.Options.Add(outputPath);
        history.AddTo(command);
        command.Options.Add(keepFormulas);
        command.SetAction(result => Run(result.GetValue(paths)!, result.GetValue(format)!, result.GetValue(outputPath), history.Read(result), output, error,
            spreadsheetSafe: !result.GetValue(keepFormulas)));
        return command;
    }

    public static int Run(string[] paths, string format, string? outputPath, CliHistory.Where history, TextWriter output, TextWriter error,
        bool spreadsheetSafe = true)
    {
        if (!DeckPaths.TryExpand(paths, out var files, out var problem))
        {
            error.WriteLine($"decklsp export: {problem}");
            return DeckCommandLine.UsageError;
        }

        if (format == "apkg" && outputPath is null)
        {
            error.WriteLine("decklsp export: --format apkg writes a package file: name it with -o, such as -o decks.apkg.");
            return DeckCommandLine.UsageError;
        }

        if (outputPath is not null && Directory.Exists(outputPath))
        {
            error.WriteLine($"decklsp export: -o {outputPath} is a folder: name the file to write, such as {Path.Combine(outputPath, "decks" + Extension(format))}.");
            return DeckCommandLine.UsageError;
        }

        if (outputPath is not null && files.FirstOrDefault(f => SameFile.Check(f, outputPath)) is { } input)
        {
            var instead = Path.GetFileNameWithoutExtension(Path.GetFileNameWithoutExtension(input)) + Extension(format);
            error.WriteLine($"decklsp export: -o {outputPath} is one of the decks being exported ({input}); the export would replace it: choose another output file, such as {instead}.");
            return DeckCommandLine.UsageError;
        }

        var documents = new List<(string Path, DeckDocument Document)>();
        foreach (var file in files)
        {
            try
            {
                documents.Add((file, DeckDocument.Parse(File.ReadAllText(file), file)));
            }
            catch (Exception e) when (FileProblem.Is(e))
            {
                error.WriteLine($"decklsp export: cannot read {file}: {FileProblem.Reason(e)}.");
                return DeckCommandLine.UsageError;
            }
        }

        foreach (var (path, document) in documents)
        {
            var errors = document.Diagnostics.Count(d => d.Severity == Core.Diagnostics.DeckSeverity.Error);
            if (errors > 0)
            {
                error.WriteLine($"decklsp export: note: {path} has {errors} error{(errors == 1 ? "" : "s")} (see `decklsp check`); its cards are exported as they parse.");
            }
        }

        if (!CliHistory.TryOpen(history, "export", error, out var histories, readOnly: true))
        {
            return DeckCommandLine.UsageError;
        }

        using var _ = histories;
        if (format == "apkg")
        {
            return WritePackage(documents, histories, outputPath!, error);
        }

        string text;
        IReadOnlyList<string> notes = [];
        switch (format)
        {
            case "anki-text":
                (text, notes) = AnkiTextFormat.Export(documents.Select(d => new AnkiTextFormat.Source(d.Document, StoredKeys(CliHistory.Link(histories, d.Path, d.Document)))));
                break;
            case "tsv":
                text = DelimitedFormat.Export(documents.SelectMany(d => Rows(d.Document)), spreadsheetSafe);
                var reversible = documents.Sum(d => d.Document.Deck.Cards.Count(c => c.Kind == CardKind.Reversible));
                if (reversible > 0)
                {
                    notes = [$"{reversible} reversible card{(reversible == 1 ? " is" : "s are")} written as one row (a table has no directions: Quizlet's own setting studies a set both ways)"];
                }

                break;
            default:
                var rows = documents.SelectMany(d => Revlog(CliHistory.Link(histories, d.Path, d.Document))).ToList();
                if (rows.Count == 0)
                {
                    notes = ["the decks have no reviews in their history: the log is empty"];
                }

                text = FsrsRevlogFormat.Write(rows);
                break;
        }

        foreach (var note in notes)
        {
            error.WriteLine($"decklsp export: note: {note}");
        }

        if (outputPath is null)
        {
            output.Write(text);
            return 0;
        }

        try
        {
            using var staged = new StagedFiles();
            staged.WriteText(outputPath, text);
            staged.Commit();
        }
        catch (Exception e) when (FileProblem.Is(e))
        {
            var cause = e is StagedFileException staged ? staged.InnerException! : e;
            error.WriteLine($"decklsp export: cannot write {outputPath}: {FileProblem.Reason(cause)}; {FileProblem.WriteAdvice(cause)}.");
            return DeckCommandLine.UsageError;
        }

        return 0;
    }

    private static string Extension(string format) => format switch
    {
        "tsv" => ".tsv",
        "fsrs-revlog" => ".csv",
        "apkg" => ".apkg",
        _ => ".txt",
    };

    /// <summary>
    /// The keys of the deck's cards that the history knows (a card it does not gets null, so its GUID falls back to its
    /// question's hash, which stays put while its answer is edited).
    /// </summary>
    private static IReadOnlyList<string?> StoredKeys(ReviewDeck deck)
    {
        var identity = deck.History.IdentityOf(deck.Link.Deck);
        return deck.Link.Cards.Select(k => identity.RatedCards.Contains(k) || identity.Seen.ContainsKey(k) ? k.Value : null).ToList();
    }

    private static int WritePackage(List<(string Path, DeckDocument Document)> documents, Histories histories, string outputPath, TextWriter error)
    {
        var now = DateTimeOffset.UtcNow;
        var media = new PackageMedia();
        var decks = new List<PackageDeck>();
        foreach (var (path, document) in documents)
        {
            var deck = CliHistory.Link(histories, path, document);
            var reviews = new Dictionary<string, IReadOnlyList<ExportedReview>>(StringComparer.Ordinal);
            foreach (var (_, _, key) in deck.ReviewItems())
            {
                if (Reviews(deck, key) is { Count: > 0 } list)
                {
                    reviews[key.Local] = list;
                }
            }

            decks.Add(new PackageDeck(document, deck.Link.Deck.Value, deck.Link.Cards.Select(k => k.Value).ToList(), StoredKeys(deck), reviews,
                relative => media.NameOf(path, relative)));
        }

        var content = AnkiPackageExport.Build(decks, now);
        foreach (var note in content.Messages.Concat(media.Notes))
        {
            error.WriteLine($"decklsp export: note: {note}");
        }

        try
        {
            using var staged = new StagedFiles();
            staged.Write(outputPath, stream => AnkiPackageWriter.Write(stream, content, media.Files, now));
            staged.Commit();
        }
        catch (Exception e) when (FileProblem.Is(e) || e is Microsoft.Data.Sqlite.SqliteException)
        {
            var cause = e is StagedFileException staged ? staged.InnerException! : e;
            error.WriteLine($"decklsp export: cannot write {outputPath}: {FileProblem.Reason(cause)}; {FileProblem.WriteAdvice(cause)}.");
            return DeckCommandLine.UsageError;
        }

        return 0;
    }

    // Each scheduling rating in force with the states before and after it, as the replay gives them.
    private static List<ExportedReview> Reviews(ReviewDeck deck, ReviewKey key)
    {
        var replay = deck.History.Replay;
        var id = key.ToString();
        var list = new List<ExportedReview>();
        CardMemory? state = null;
        foreach (var rating in deck.Of(key).Ratings.Where(r => !r.Cram))
        {
            var after = replay.Apply(id, state, rating.Rating, rating.At, deck.History.RecordedDays(rating.Id));
            list.Add(new ExportedReview(rating.At, replay.Scale.GradeOf(rating.Rating), rating.DurationMs, state, after));
            state = after;
        }

        return list;
    }

    // Markdown as written, ids left out; a cloze card's text stands as the question, its extra text as the answer.
    private static IEnumerable<(string Question, string Answer)> Rows(DeckDocument document)
    {
        foreach (var card in document.Deck.Cards)
        {
            var question = CardText.WithoutComments(document.Text.Substring(card.Question.Start, card.Question.Length)).Trim();
            var answer = card.Answer is { } span ? CardText.WithoutComments(document.Text.Substring(span.Start, span.Length)).Trim() : "";
            yield return (question, answer);
        }
    }

    // Each scheduling rating in force, with the state the card was in before it (a replay of the card's ratings).
    private static IEnumerable<RevlogRow> Revlog(ReviewDeck deck)
    {
        var replay = deck.History.Replay;
        foreach (var (_, _, key) in deck.ReviewItems())
        {
            var id = key.ToString();
            CardMemory? state = null;
            foreach (var rating in deck.Of(key).Ratings.Where(r => !r.Cram))
            {
                yield return new RevlogRow(id, rating.At, replay.Scale.GradeOf(rating.Rating), state?.State ?? CardState.New, rating.DurationMs);
                state = replay.Apply(id, state, rating.Rating, rating.At);
            }
        }
    }
}
