using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using DeckLsp.Core.Diagnostics;
using DeckLsp.Core.Documents;
using DeckLsp.Core.Interop;
using DeckLsp.Server.Hosting;
using DeckLsp.Server.Interop;
using DeckLsp.Server.History;

namespace DeckLsp.Server.Cli;

/// <summary>
/// `decklsp import SOURCE [-o OUT.deck.md] [--format …] [--db PATH] [--force] [--json]`: writes a deck from another
/// tool's export; an Anki package also brings its media (extracted beside the deck) and its review history (into the
/// database). Nothing is written unless everything can be: exit 0, or 2 with a message naming the file and the problem.
/// </summary>
internal static partial class ImportCommand
{
    private const int ProbeLength = 8192;

    public static Command Create(CliHistory.Choice history, TextWriter output, TextWriter error)
    {
        var source = new Argument<string>("source") { Description = "The file to import." };
        var outputPath = new Option<string?>("--output", "-o") { Description = "The deck to write (default: SOURCE's name with .deck.md, beside it)." };
        var format = new Option<string>("--format") { Description = "auto, text-export, tsv, csv, anki-text, apkg, hashcards or obsidian-sr.", DefaultValueFactory = _ => "auto" };
        format.AcceptOnlyFromAmong([.. ImportFormats.Names]);
        var force = new Option<bool>("--force") { Description = "Replace the output deck if it exists." };
        var json = new Option<bool>("--json") { Description = "Print what was written as JSON." };
        var historyOnly = new Option<bool>("--history-only")
        {
            Description = "An Anki package DeckLsp exported, studied in Anki: add the reviews made there to the deck given with -o, leaving its text as it is.",
        };
        var maxMediaFile = new Option<int>("--max-media-file-mb")
        {
            Description = $"Anki packages: the largest file one may unpack to (a media file, or the collection), in MiB (default {UnpackBudget.DefaultPerFileMegabytes}).",
            DefaultValueFactory = _ => UnpackBudget.DefaultPerFileMegabytes,
        };
        var maxMedia = new Option<int>("--max-media-mb")
        {
            Description = $"Anki packages: what one may unpack to in all, in MiB (default {UnpackBudget.DefaultTotalMegabytes}).",
            DefaultValueFactory = _ => UnpackBudget.DefaultTotalMegabytes,
        };
        foreach (var limit in new[] { maxMediaFile, maxMedia })
        {
            limit.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int>() < 1)
                {
                    result.AddError($"{limit.Name} must be at least 1.");
                }
            });
        }
        var command = new Command("import", "Write a deck from a text export, Quizlet/CSV/TSV table, Anki text export or Anki package.");
        command.Arguments.Add(source);
        command.Options.Add(outputPath);
        command.Options.Add(format);
        history.AddTo(command);
        command.Options.Add(force);
        command.Options.Add(historyOnly);
        command.Options.Add(json);
        command.Options.Add(maxMediaFile);
        command.Options.Add(maxMedia);
        command.SetAction(result => Run(
            new Request(result.GetValue(source)!, result.GetValue(outputPath), ImportFormats.Parse(result.GetValue(format)!),
                history.Read(result), result.GetValue(force), result.GetValue(json))
            {
                MaxMediaFileMegabytes = result.GetValue(maxMediaFile),
                MaxMediaMegabytes = result.GetValue(maxMedia),
                HistoryOnly = result.GetValue(historyOnly),
            },
            TimeProvider.System, output, error));
        return command;
    }

    public sealed record Request(string Source, string? Output, ImportFormat Format, CliHistory.Where History, bool Force, bool Json)
    {
        public int MaxMediaFileMegabytes { get; init; } = UnpackBudget.DefaultPerFileMegabytes;

        public int MaxMediaMegabytes { get; init; } = UnpackBudget.DefaultTotalMegabytes;

        /// <summary>Only bring back the reviews of a package we exported (ImportCommand.ReviewsBack.cs); the deck is not written.</summary>
        public bool HistoryOnly { get; init; }
    }

    private sealed class ImportFailed(string message) : Exception(message);

    /// <summary>What `import --json` prints.</summary>
    internal sealed record JsonReport(
        [property: JsonPropertyName("deck")] string Deck,
        [property: JsonPropertyName("title")] string Title,
        [property: JsonPropertyName("cards")] int Cards,
        [property: JsonPropertyName("cloze")] int Cloze,
        [property: JsonPropertyName("media")] int Media,
        [property: JsonPropertyName("reviews")] int Reviews,
        [property: JsonPropertyName("database")] string? Database,
        [property: JsonPropertyName("notes")] IReadOnlyList<string> Notes);

    public static int Run(Request request, TimeProvider time, TextWriter output, TextWriter error)
    {
        try
        {
            return Import(request, time, output, error);
        }
        catch (ImportFailed e)
        {
            error.WriteLine($"decklsp import: {e.Message}");
            return DeckCommandLine.UsageError;
        }
    }

    private static int Import(Request request, TimeProvider time, TextWriter output, TextWriter error)
    {
        var source = request.Source;
        if (source.Length == 0)
        {
            throw new ImportFailed("the file to import is an empty name: give its path.");
        }

        if (Directory.Exists(source))
        {
            throw new ImportFailed($"{source} is a folder: name the file to import (an .apkg, a .csv or .tsv, or a text export).");
        }

        if (CliHistory.DatabaseProblem(request.History) is { } databaseProblem)
        {
            throw new ImportFailed(databaseProblem);
        }

        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(source);
        }
        catch (Exception e) when (FileProblem.Is(e))
        {
            throw new ImportFailed(e is FileNotFoundException or DirectoryNotFoundException ? $"no such file: {source}" : $"cannot read {source}: {FileProblem.Reason(e)}.");
        }

        if (bytes.Length == 0)
        {
            throw new ImportFailed($"{source}: the file is empty");
        }

        var stem = Stem(source);
        var deckPath = request.Output ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(source))!, stem + ".deck.md");
        if (!deckPath.EndsWith(".deck.md", StringComparison.OrdinalIgnoreCase))
        {
            throw new ImportFailed($"{deckPath}: a deck's name must end in .deck.md");
        }

        if (SameFile.Check(source, deckPath))
        {
            throw new ImportFailed($"-o {deckPath} is the file being imported; the import would replace it: choose another name for the deck.");
        }

        if (request.HistoryOnly)
        {
            return ReviewsBack(request, deckPath, time, output, error);
        }

        if (File.Exists(deckPath) && !request.Force)
        {
            throw new ImportFailed($"{deckPath} already exists (use --force to replace it)");
        }

        var format = request.Format;
        var isZip = bytes.AsSpan().StartsWith("PK\u0003\u0004"u8) || bytes.AsSpan().StartsWith("PK\u0005\u0006"u8);
        if (format == ImportFormat.Auto && (isZip || source.EndsWith(".apkg", StringComparison.OrdinalIgnoreCase) || source.EndsWith(".colpkg", StringComparison.OrdinalIgnoreCase)))
        {
            format = ImportFormat.Apkg;
        }

        ImportedDeck deck;
        PackageImport? package = null;
        AnkiPackage? opened = null;
        var budget = UnpackBudget.FromMegabytes(request.MaxMediaFileMegabytes, request.MaxMediaMegabytes);
        try
        {
            var mediaFolder = DeckStem(deckPath) + ".media";
            if (format == ImportFormat.Apkg)
            {
                var (read, problem) = AnkiPackage.Open(source, budget);
                opened = read ?? throw new ImportFailed($"{source}: {problem}");
                try
                {
                    package = AnkiCollectionImport.ToDeck(opened.Collection, stem, mediaFolder);
                }
                catch (InvalidDataException e)
                {
                    throw new ImportFailed($"{source}: {e.Message}");
                }

                deck = package.Deck;
            }
            else
            {
                var text = Text(source, bytes, isZip);
                if (format == ImportFormat.Auto)
                {
                    format = ImportFormats.DetectText(text, Path.GetExtension(source));
                }

                // hashcards' "@/" paths are under its collection's root, taken to be the source's folder.
                var sourceFolder = Path.GetDirectoryName(Path.GetFullPath(source))!;
                var deckFolder = Path.GetDirectoryName(Path.GetFullPath(deckPath))!;
                string RootLink(string path) => Path.GetRelativePath(deckFolder, Path.Combine(sourceFolder, path)).Replace('\\', '/');
                var result = ImportFormats.ImportText(text, format, stem, RootLink);
                deck = result.Deck ?? throw new ImportFailed($"{source}: {result.Problem}");
            }

            var deckText = DeckWriter.Write(deck);
            var fullPath = Path.GetFullPath(deckPath);
            var document = DeckDocument.Parse(deckText, fullPath);
            var mediaPath = Path.Combine(Path.GetDirectoryName(fullPath)!, mediaFolder);
            HistoryOutcome? history = null;
            string? databasePath = null;
            using (var staged = new StagedFiles())
            {
                staged.WriteText(fullPath, deckText);
                if (package is { Media.Count: > 0 })
                {
                    staged.EnsureFolder(mediaPath);
                    foreach (var (name, file) in package.Media)
                    {
                        staged.Write(Path.Combine(mediaPath, file), stream => opened!.CopyMedia(name, budget.Limit(stream, $"the media file {name}")));
                    }
                }

                staged.Commit();
            }

            // The history is append-only, so it is written once the deck is in place: a failure now leaves a deck without
            // its history (the message says so), never a history for a deck that was not written.
            var reviews = package?.Reviews ?? deck.Reviews;
            if (package is not null || reviews.Count > 0)
            {
                history = WriteHistory(request.History, fullPath, document, reviews, time, error);
                databasePath = history.Where;
            }

            Report(request, deckPath, document, deck, package, history, databasePath, output, error);
            return 0;
        }
        catch (UnpackLimitExceededException e)
        {
            var flag = e.PerFile ? "--max-media-file-mb" : "--max-media-mb";
            throw new ImportFailed($"{source}: {e.Message}; nothing was written. If you trust the package, raise the limit with {flag}.");
        }
        catch (StagedFileException e)
        {
            // The history is written only once the deck is in place, so none of it was.
            var inPlace = InPlace(e.Moved, null);
            throw new ImportFailed($"{source}: {e.File} could not be put in place ({FileProblem.Reason(e.InnerException!)}){inPlace}; " +
                (inPlace.Length == 0 ? "nothing was written." : "nothing else was written, its review history included. Fix that and import again with --force."));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new ImportFailed($"{source}: cannot import ({e.Message.TrimEnd('.')}); nothing was written.");
        }
        finally
        {
            opened?.Dispose();
        }
    }

    // ", though the 3 media files in /x/rnn.media are in place": what a failed commit did write.
    private static string InPlace(IReadOnlyList<string> moved, string? deck)
    {
        if (moved.Count == 0)
        {
            return "";
        }

        var media = moved.Where(m => m != deck).ToList();
        return $", though {Plural(media.Count, "media file")} in {Path.GetDirectoryName(media[0])} {(media.Count == 1 ? "is" : "are")} in place";
    }

    private static HistoryOutcome WriteHistory(CliHistory.Where database, string fullPath, DeckDocument document, IReadOnlyList<ImportedReview> reviews, TimeProvider time, TextWriter error)
    {
        using var histories = CliHistory.Open(database, "import", error);
        try
        {
            return HistoryImport.Write(CliHistory.Link(histories, fullPath, document), reviews, time.GetUtcNow());
        }
        catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or HistoryBusyException or IOException or UnauthorizedAccessException)
        {
            throw new ImportFailed($"{fullPath} was written, but its review history could not be ({e.Message.TrimEnd('.')}); " +
                "run the same import again with --force once that is fixed: reviews already there are not added twice");
        }
    }

    private static void Report(Request request, string deckPath, DeckDocument document, ImportedDeck deck, PackageImport? package,
        HistoryOutcome? history, string? databasePath, TextWriter output, TextWriter error)
    {
        var cards = document.Deck.Cards;
        // The writer is meant to produce a clean deck; should it not, the user hears of it rather than finding out later.
        // One line per code: 459 copies of a DECK006 say no more than one does, with the count.
        var problems = document.Diagnostics.GroupBy(d => d.Code).Select(g => g.Count() == 1
            ? $"{g.Key}: {g.First().Message}"
            : $"{g.Key} on {g.Count()} cards, the first at line {document.Lines.GetLine(g.First().Span.Start) + 1}: {g.First().Message}").ToList();
        var notes = deck.Notes.Concat(problems.Select(p => $"the written deck reports {p}")).ToList();
        if (request.Json)
        {
            output.WriteLine(JsonSerializer.Serialize(new JsonReport(
                deckPath,
                document.Deck.Title,
                cards.Count,
                cards.Count(c => c.Kind == Core.Model.CardKind.Cloze),
                package?.Media.Count ?? 0,
                history?.Reviews ?? 0,
                databasePath,
                notes), CliJson.Type(DeckJsonContext.Default.ImportReport)));
            return;
        }

        var summary = new StringBuilder($"{deckPath}: {Plural(cards.Count, "card")}");
        if (package is not null)
        {
            summary.Append($", {Plural(package.Media.Count, "media file")}");
        }

        if (history is not null)
        {
            summary.Append($", {Plural(history.Reviews, "review")} of {Plural(history.Cards, "card")} into {databasePath}");
            if (history.AlreadyKnown > 0)
            {
                summary.Append($" ({history.AlreadyKnown} already there)");
            }
        }

        output.WriteLine(summary);
        foreach (var note in notes)
        {
            error.WriteLine($"decklsp import: note: {note}");
        }

        if (document.Diagnostics.Any(d => d.Severity == DeckSeverity.Error))
        {
            error.WriteLine("decklsp import: run `decklsp check` on the deck to see where.");
        }
    }

    // Text formats must be text: NUL bytes or invalid UTF-8 mean the wrong file (or the wrong --format).
    private static string Text(string source, byte[] bytes, bool isZip)
    {
        if (isZip)
        {
            throw new ImportFailed($"{source}: this is a zip archive, not a text file (an Anki package? use --format apkg)");
        }

        var probe = bytes.AsSpan(0, Math.Min(bytes.Length, ProbeLength));
        var nul = probe.IndexOf((byte)0);
        if (nul >= 0)
        {
            throw new ImportFailed($"{source}: not a text file (binary data at byte {nul})");
        }

        try
        {
            var text = new UTF8Encoding(false, true).GetString(bytes);
            return text.StartsWith('\uFEFF') ? text[1..] : text;
        }
        catch (DecoderFallbackException e)
        {
            throw new ImportFailed($"{source}: not UTF-8 text (invalid bytes at byte {e.Index}); save it as UTF-8 and import again");
        }
    }

    private static string Stem(string path) => Path.GetFileNameWithoutExtension(path) is { Length: > 0 } stem ? stem : "imported";

    private static string DeckStem(string deckPath)
    {
        var name = Path.GetFileName(deckPath);
        return name[..^".deck.md".Length];
    }

    private static string Plural(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}
