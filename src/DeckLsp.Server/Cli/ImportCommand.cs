using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using DeckLsp.Core.Diagnostics;
using DeckLsp.Core.Documents;
using DeckLsp.Core.Interop;
using DeckLsp.Server.Hosting;
using DeckLsp.Server.Interop;
using DeckLsp.Server.Storage;

namespace DeckLsp.Server.Cli;

/// <summary>
/// `decklsp import SOURCE [-o OUT.deck.md] [--format …] [--db PATH] [--force] [--json]`: writes a deck from another
/// tool's export; an Anki package also brings its media (extracted beside the deck) and its review history (into the
/// database). Nothing is written unless everything can be: exit 0, or 2 with a message naming the file and the problem.
/// </summary>
internal static class ImportCommand
{
    private const int ProbeLength = 8192;

    public static Command Create(Option<string?> database, TextWriter output, TextWriter error)
    {
        var source = new Argument<string>("source") { Description = "The file to import." };
        var outputPath = new Option<string?>("--output", "-o") { Description = "The deck to write (default: SOURCE's name with .deck.md, beside it)." };
        var format = new Option<string>("--format") { Description = "auto, text-export, tsv, csv, anki-text or apkg.", DefaultValueFactory = _ => "auto" };
        format.AcceptOnlyFromAmong([.. ImportFormats.Names]);
        var force = new Option<bool>("--force") { Description = "Replace the output deck if it exists." };
        var json = new Option<bool>("--json") { Description = "Print what was written as JSON." };
        var command = new Command("import", "Write a deck from a text export, Quizlet/CSV/TSV table, Anki text export or Anki package.");
        command.Arguments.Add(source);
        command.Options.Add(outputPath);
        command.Options.Add(format);
        command.Options.Add(database);
        command.Options.Add(force);
        command.Options.Add(json);
        command.SetAction(result => Run(
            new Request(result.GetValue(source)!, result.GetValue(outputPath), ImportFormats.Parse(result.GetValue(format)!),
                result.GetValue(database), result.GetValue(force), result.GetValue(json)),
            TimeProvider.System, output, error));
        return command;
    }

    public sealed record Request(string Source, string? Output, ImportFormat Format, string? Database, bool Force, bool Json);

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
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(source);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ImportFailed(e is FileNotFoundException or DirectoryNotFoundException ? $"no such file: {source}" : $"cannot read {source}: {e.Message}");
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
        try
        {
            var mediaFolder = DeckStem(deckPath) + ".media";
            if (format == ImportFormat.Apkg)
            {
                var (read, problem) = AnkiPackage.Open(source);
                opened = read ?? throw new ImportFailed($"{source}: {problem}");
                try
                {
                    package = AnkiPackageImport.ToDeck(opened, stem, mediaFolder);
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

                var result = ImportFormats.ImportText(text, format, stem);
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
                        using var stream = staged.Create(Path.Combine(mediaPath, file));
                        opened!.CopyMedia(name, stream);
                    }
                }

                if (package is not null)
                {
                    databasePath = ReviewDatabasePaths.Choose(request.Database, null);
                    history = WriteHistory(databasePath, fullPath, document, package, time, error);
                }

                staged.Commit();
            }

            Report(request, deckPath, document, deck, package, history, databasePath, output, error);
            return 0;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            throw new ImportFailed($"{source}: cannot import ({e.Message.TrimEnd('.')}); nothing was written");
        }
        finally
        {
            opened?.Dispose();
        }
    }

    private static HistoryOutcome WriteHistory(string databasePath, string fullPath, DeckDocument document, PackageImport package, TimeProvider time, TextWriter error)
    {
        var (store, warning) = ReviewStore.Open(databasePath);
        using (store)
        {
            if (store.IsInMemory)
            {
                throw new ImportFailed($"the review database cannot be written: {warning}");
            }

            if (warning is not null)
            {
                error.WriteLine($"decklsp import: {warning}");
            }

            try
            {
                return HistoryImport.Write(store, fullPath, document, package.Reviews, time.GetUtcNow());
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or ReviewStoreBusyException)
            {
                throw new ImportFailed($"the review database {databasePath} cannot be written ({e.Message.TrimEnd('.')}); nothing was imported");
            }
        }
    }

    private static void Report(Request request, string deckPath, DeckDocument document, ImportedDeck deck, PackageImport? package,
        HistoryOutcome? history, string? databasePath, TextWriter output, TextWriter error)
    {
        var cards = document.Deck.Cards;
        // The writer is meant to produce a clean deck; should it not, the user hears of it rather than finding out later.
        var problems = document.Diagnostics.Select(d => $"{d.Code}: {d.Message}").ToList();
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
                notes), DeckJsonContext.Default.ImportReport));
            return;
        }

        var summary = new StringBuilder($"{deckPath}: {Plural(cards.Count, "card")}");
        if (package is not null)
        {
            summary.Append($", {Plural(package.Media.Count, "media file")}");
            summary.Append($", {Plural(history!.Reviews, "review")} of {Plural(history.Cards, "card")} into {databasePath}");
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
