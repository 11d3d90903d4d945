using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json;
using DeckLsp.Core.Documents;
using DeckLsp.Core.Interop;
using DeckLsp.Core.Model;
using DeckLsp.Server.Interop;
using DeckLsp.Server.Tests.History;
using Microsoft.Data.Sqlite;
using static DeckLsp.Server.Tests.Interop.InteropCli;

namespace DeckLsp.Server.Tests.Interop;

/// <summary>
/// `decklsp export --format apkg`: a package with notes, media, tags and review history that comes back to the same
/// cards and states, keeps its GUIDs, reads in a third-party reader, and brings back only the reviews made in Anki.
/// </summary>
public sealed class ApkgExportTests : IDisposable
{
    private const long DeckId = 1700000000001;
    private static readonly DateTimeOffset Start = new(2024, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly byte[] Png = [0x89, (byte)'P', (byte)'N', (byte)'G', 1, 2, 3, 4];

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    // A package as Anki writes it: a basic note, a "Basic (and reversed card)" note studied both ways, a cloze note.
    private static AnkiPackageBuilder AnkiMade() => new AnkiPackageBuilder()
        .Deck(DeckId, "Words")
        .Note(1, "dog", AnkiPackageBuilder.BasicType, ["der Hund", "the dog"], "german")
        .Card(11, 1, DeckId, 0)
        .Card(12, 1, DeckId, 1)
        .Note(2, "cat", AnkiPackageBuilder.BasicType, ["die Katze", "the cat <img src=\"cat.png\">"], "german")
        .Card(21, 2, DeckId)
        .Note(3, "cloze", AnkiPackageBuilder.ClozeType, ["{{c1::Berlin}} is the capital of {{c2::Germany}}", ""], "german")
        .Card(31, 3, DeckId, 0)
        .Card(32, 3, DeckId, 1)
        .Media("cat.png", Png)
        .Review(11, Start, ease: 3, type: 0)
        .Review(11, Start.AddMinutes(10), ease: 3, type: 0)
        .Review(11, Start.AddDays(2), ease: 2, type: 1)
        .Review(12, Start.AddSeconds(30), ease: 1, type: 0)
        .Review(12, Start.AddMinutes(2), ease: 4, type: 0)
        .Review(21, Start.AddSeconds(50), ease: 3, type: 0)
        .Review(32, Start.AddSeconds(70), ease: 4, type: 0);

    private async Task<(string Deck, string Database)> Imported(string name, AnkiPackageBuilder package)
    {
        var source = Path.Combine(_folder.Path, name + ".source.apkg");
        package.Write(source);
        var deck = Path.Combine(_folder.Path, name, "words.deck.md");
        Directory.CreateDirectory(Path.GetDirectoryName(deck)!);
        var database = Path.Combine(_folder.Path, name + ".db");
        var (code, _, error) = await Run("import", source, "-o", deck, "--db", database);
        Assert.True(code == 0, error);
        return (deck, database);
    }

    [Fact]
    public async Task Reversed_anki_notes_import_as_reversible_cards_with_both_histories()
    {
        var (deck, database) = await Imported("first", AnkiMade());

        var document = DeckDocument.Parse(await File.ReadAllTextAsync(deck), deck);
        var (_, revlog, _) = await Run("export", deck, "--format", "fsrs-revlog", "--db", database);

        Assert.Equal([CardKind.Reversible, CardKind.Basic, CardKind.Cloze], document.Deck.Cards.Select(c => c.Kind));
        Assert.Contains("R: der Hund", document.Text);
        var keys = revlog.TrimEnd('\n').Split('\n').Skip(1).Select(r => r.Split(',')[0]).ToList();
        Assert.Equal(3, keys.Count(k => k == "id:anki-deck-1700000000001/dog"));
        Assert.Equal(2, keys.Count(k => k == "id:anki-deck-1700000000001/dog#r"));
        Assert.Equal(7, keys.Count);
    }

    [Fact]
    public async Task Deck_exported_as_apkg_and_imported_again_has_the_same_cards_reviews_and_states()
    {
        var (deck, database) = await Imported("first", AnkiMade());
        var package = Path.Combine(_folder.Path, "words.apkg");

        var (code, _, error) = await Run("export", deck, "--format", "apkg", "-o", package, "--db", database);
        Assert.True(code == 0, error);
        var back = Path.Combine(_folder.Path, "back", "words.deck.md");
        Directory.CreateDirectory(Path.GetDirectoryName(back)!);
        var backDatabase = Path.Combine(_folder.Path, "back.db");
        var (importCode, importOutput, importError) = await Run("import", package, "-o", back, "--db", backDatabase);

        Assert.True(importCode == 0, importError);
        Assert.True(importOutput.Contains("3 cards, 1 media file, 7 reviews of 4 cards", StringComparison.Ordinal), importOutput);
        var original = DeckDocument.Parse(await File.ReadAllTextAsync(deck), deck);
        var imported = DeckDocument.Parse(await File.ReadAllTextAsync(back), back);
        Assert.Equal(Cards(original), Cards(imported));
        Assert.Equal(original.Deck.Id, imported.Deck.Id);
        Assert.Equal(original.Deck.Tags, imported.Deck.Tags);
        Assert.Equal(Png, await File.ReadAllBytesAsync(Path.Combine(_folder.Path, "back", "words.media", "cat.png")));
        // The same ratings at the same times, replayed into the same states before each of them, and the same counts now.
        Assert.Equal((await Run("export", deck, "--format", "fsrs-revlog", "--db", database)).Out,
            (await Run("export", back, "--format", "fsrs-revlog", "--db", backDatabase)).Out);
        Assert.Equal(Stats((await Run("stats", "--json", "--db", database, deck)).Out),
            Stats((await Run("stats", "--json", "--db", backDatabase, back)).Out));
    }

    [Fact]
    public async Task Package_holds_notes_of_our_types_stable_guids_scheduling_and_the_revlog()
    {
        var (deck, database) = await Imported("first", AnkiMade());
        var first = Path.Combine(_folder.Path, "one.apkg");
        var second = Path.Combine(_folder.Path, "two.apkg");

        await Run("export", deck, "--format", "apkg", "-o", first, "--db", database);
        await Run("export", deck, "--format", "apkg", "-o", second, "--db", database);

        using var one = Collection(first);
        using var two = Collection(second);
        Assert.Equal(AnkiPackage.Rows(one.Connection, "SELECT id, guid, mid, flds, tags FROM notes ORDER BY id"), AnkiPackage.Rows(two.Connection, "SELECT id, guid, mid, flds, tags FROM notes ORDER BY id"));
        Assert.Equal(AnkiPackage.Rows(one.Connection, "SELECT id, nid, ord FROM cards ORDER BY id"), AnkiPackage.Rows(two.Connection, "SELECT id, nid, ord FROM cards ORDER BY id"));
        Assert.Equal(["cat", "cloze", "dog"], AnkiPackage.Rows(one.Connection, "SELECT guid FROM notes ORDER BY guid").Select(r => r[0]));
        var dog = AnkiPackage.Rows(one.Connection, "SELECT mid, flds FROM notes WHERE guid = 'dog'").Single();
        Assert.Equal(AnkiPackageExport.Reversible.Id, (long)dog[0]!);
        Assert.Equal("der Hund\u001fthe dog\u001fid:anki-deck-1700000000001/dog", dog[1]);
        Assert.Contains("<img src=\"cat.png\"", (string)AnkiPackage.Rows(one.Connection, "SELECT flds FROM notes WHERE guid = 'cat'").Single()[0]!);
        // Both directions of the reversed note are cards of their own, each in review after its ratings.
        Assert.Equal([(0L, 2L), (1L, 2L)], AnkiPackage.Rows(one.Connection, "SELECT ord, type FROM cards c JOIN notes n ON n.id = c.nid WHERE n.guid = 'dog' ORDER BY ord")
            .Select(r => ((long)r[0]!, (long)r[1]!)));
        Assert.Equal(7L, AnkiPackage.Rows(one.Connection, "SELECT count(*) FROM revlog").Single()[0]);
        Assert.Equal(Start.ToUnixTimeMilliseconds(), AnkiPackage.Rows(one.Connection, "SELECT min(id) FROM revlog").Single()[0]);
        Assert.Contains("\"schedVer\":2", (string)AnkiPackage.Rows(one.Connection, "SELECT conf FROM col").Single()[0]!);
        Assert.Contains("\"name\":\"Words\"", (string)AnkiPackage.Rows(one.Connection, "SELECT decks FROM col").Single()[0]!);
    }

    [Fact]
    public async Task Reviews_made_in_anki_come_back_and_ours_are_not_added_twice()
    {
        var (deck, database) = await Imported("first", AnkiMade());
        var package = Path.Combine(_folder.Path, "words.apkg");
        await Run("export", deck, "--format", "apkg", "-o", package, "--db", database);
        // Studied on the phone: the basic card answered twice more, days later, and the reversed note's front once, on a
        // day between two of its reviews made here (so "newer than the last one" would not do).
        var later = Start.AddDays(5);
        AddReviews(package, "cat", [(later, 3), (later.AddDays(3), 3)]);
        AddReviews(package, "dog", [(Start.AddDays(1), 3)]);

        var (code, output, error) = await Run("import", package, "-o", deck, "--db", database, "--force");

        Assert.True(code == 0, error);
        Assert.True(output.Contains("3 reviews of 2 cards", StringComparison.Ordinal) && output.Contains("(7 already there)", StringComparison.Ordinal), output);
        var (_, revlog, _) = await Run("export", deck, "--format", "fsrs-revlog", "--db", database);
        var rows = revlog.TrimEnd('\n').Split('\n').Skip(1).ToList();
        Assert.Equal(10, rows.Count);
        Assert.Contains($"id:anki-deck-1700000000001/dog,{Start.AddDays(1).ToUnixTimeMilliseconds()},3,", rows.Select(r => r[..(r.LastIndexOf(',', r.LastIndexOf(',') - 1) + 1)]));
    }

    // A deck written by hand: prose, a section, no ids; its cards are known to the history by their content keys.
    private const string HandWritten = "# Words\n\nNouns first, then places.\n\nQ: der Hund\nA: the dog\n\nC: {{Berlin}} is in {{Germany}}\n\nR: die Katze\nA: the cat\n";

    // The hand-written deck, exported as a package (with an empty history) to be studied in Anki.
    private async Task<(string Deck, string Database, string Package)> HandWrittenExported()
    {
        var deck = _folder.Write("words.deck.md", HandWritten);
        var database = Path.Combine(_folder.Path, "reviews.db");
        var package = Path.Combine(_folder.Path, "words.apkg");
        var (code, _, error) = await Run("export", deck, "--format", "apkg", "-o", package, "--db", database);
        Assert.True(code == 0, error);
        return (deck, database, package);
    }

    [Fact]
    public async Task History_only_brings_back_the_reviews_made_in_anki_and_leaves_the_deck_as_written()
    {
        var (deck, database, package) = await HandWrittenExported();
        // Studied on the phone: the dog twice, Berlin's second deletion (c2) once, the cat's reverse (ord 1) once.
        AddReviewsTo(package, "der Hund", 0, [(Start, 3), (Start.AddDays(2), 4)]);
        AddReviewsTo(package, "Berlin", 1, [(Start.AddMinutes(1), 3)]);
        AddReviewsTo(package, "die Katze", 1, [(Start.AddMinutes(2), 1)]);

        var (code, output, error) = await Run("import", package, "-o", deck, "--history-only", "--db", database);

        Assert.True(code == 0, error);
        Assert.Contains("words.deck.md: unchanged; 4 reviews of 3 cards into ", output);
        Assert.Equal(HandWritten, await File.ReadAllTextAsync(deck));
        Assert.Equal(["words.deck.md", "words.apkg"], FilesIn(_folder.Path).Where(f => !f.StartsWith("reviews.db", StringComparison.Ordinal)).OrderDescending(StringComparer.Ordinal));
        var (_, revlog, _) = await Run("export", deck, "--format", "fsrs-revlog", "--db", database);
        var keys = revlog.TrimEnd('\n').Split('\n').Skip(1).Select(r => r.Split(',')[0][(r.IndexOf('/') + 1)..]).ToList();
        Assert.Equal(4, keys.Count);
        Assert.Equal((2, 1, 1), (keys.Count(k => !k.Contains('#', StringComparison.Ordinal)), keys.Count(k => k.EndsWith("#c2", StringComparison.Ordinal)),
            keys.Count(k => k.EndsWith("#r", StringComparison.Ordinal))));

        var (again, secondOutput, _) = await Run("import", package, "-o", deck, "--history-only", "--db", database);

        Assert.Equal(0, again);
        Assert.Contains("unchanged; 0 reviews of 0 cards into ", secondOutput);
        Assert.Contains("(4 already there)", secondOutput);
    }

    [Fact]
    public async Task History_only_finds_the_cards_edited_and_moved_since_the_export()
    {
        var (deck, database, package) = await HandWrittenExported();
        AddReviewsTo(package, "der Hund", 0, [(Start, 3), (Start.AddDays(2), 4)]);
        // Meanwhile, at the desk: a card added first, the dog's answer reworded.
        var edited = HandWritten.Replace("Q: der Hund\nA: the dog", "Q: das Pferd\nA: the horse\n\nQ: der Hund\nA: the dog, a pet", StringComparison.Ordinal);
        await File.WriteAllTextAsync(deck, edited);

        var (code, _, error) = await Run("import", package, "-o", deck, "--history-only", "--db", database);

        Assert.True(code == 0, error);
        Assert.Equal(edited, await File.ReadAllTextAsync(deck));
        using var histories = DeckLsp.Server.Cli.CliHistory.Open(new DeckLsp.Server.Cli.CliHistory.Where(database), "test", TextWriter.Null);
        var linked = DeckLsp.Server.Cli.CliHistory.Link(histories, deck, DeckDocument.Parse(edited, Path.GetFullPath(deck)));
        var rated = linked.ReviewItems().Select(i => (Question: Side(linked.Document, i.Card.Question), linked.Of(i.ReviewKey).Ratings.Count)).Where(r => r.Count > 0);
        Assert.Equal([("der Hund", 2)], rated);
    }

    [Fact]
    public async Task History_only_refuses_a_package_of_another_deck_and_writes_nothing()
    {
        var words = _folder.Write("words.deck.md", HandWritten);
        var other = _folder.Write("other/other.deck.md", "---\nid: other\n---\n\nQ: one\nA: 1\n");
        var database = Path.Combine(_folder.Path, "reviews.db");
        var package = Path.Combine(_folder.Path, "other.apkg");
        await Run("export", other, "--format", "apkg", "-o", package, "--db", database);
        AddReviewsTo(package, "one", 0, [(Start, 3)]);
        var before = HistoryProbe.DatabaseRatings(database).Count;

        var (code, output, error) = await Run("import", package, "-o", words, "--history-only", "--db", database);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("its notes came from id:other", error);
        Assert.Equal(before, HistoryProbe.DatabaseRatings(database).Count);
        Assert.Equal(HandWritten, await File.ReadAllTextAsync(words));
    }

    [Fact]
    public async Task A_collection_backup_holding_our_notes_brings_them_back_to_their_deck_and_cards()
    {
        // AnkiDroid's backup (.colpkg, the newer layout) after our package was imported and studied there.
        var backup = Path.Combine(_folder.Path, "collection.colpkg");
        new AnkiPackageBuilder { SchemaVersion = 18 }
            .Deck(DeckId, "Words")
            .Note(1, "hund", AnkiPackageExport.Reversible.Id, ["der Hund", "the dog", "id:words/hund"])
            .Card(11, 1, DeckId, 0)
            .Card(12, 1, DeckId, 1)
            .Review(11, Start, ease: 3, type: 0)
            .Review(12, Start.AddMinutes(1), ease: 3, type: 0)
            .Write(backup);
        var deck = Path.Combine(_folder.Path, "words.deck.md");
        var database = Path.Combine(_folder.Path, "reviews.db");

        var (code, _, error) = await Run("import", backup, "-o", deck, "--db", database);

        Assert.True(code == 0, error);
        var document = DeckDocument.Parse(await File.ReadAllTextAsync(deck), deck);
        Assert.Equal("words", document.Deck.Id);
        Assert.Equal((CardKind.Reversible, "hund"), (document.Deck.Cards.Single().Kind, document.Deck.Cards.Single().Id));
        var (_, revlog, _) = await Run("export", deck, "--format", "fsrs-revlog", "--db", database);
        Assert.Equal(["id:words/hund", "id:words/hund#r"], revlog.TrimEnd('\n').Split('\n').Skip(1).Select(r => r.Split(',')[0]));
    }

    [Fact]
    public async Task Anki_reader_opens_the_package_and_finds_every_note_and_review()
    {
        var (deck, database) = await Imported("first", AnkiMade());
        var package = Path.Combine(_folder.Path, "words.apkg");
        await Run("export", deck, "--format", "apkg", "-o", package, "--db", database);

        var read = JsonDocument.Parse(await Node("read-apkg.mjs", package)).RootElement;

        Assert.Equal(["Words"], read.GetProperty("decks").EnumerateArray().Select(d => d.GetString()).Where(n => n != "Default"));
        Assert.Equal(5, read.GetProperty("cards").GetInt32());
        Assert.Equal(["der Hund", "die Katze", "{{c1::Berlin}} is the capital of {{c2::Germany}}"],
            read.GetProperty("fronts").EnumerateArray().Select(f => f.GetString()).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(7, read.GetProperty("reviews").GetInt32());
        Assert.Equal(["cat.png"], read.GetProperty("media").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task An_image_outside_the_workspace_is_left_out_with_a_message_naming_it()
    {
        var outside = Path.Combine(_folder.Path, "secret.png");
        await File.WriteAllBytesAsync(outside, Png);
        Directory.CreateDirectory(Path.Combine(_folder.Path, "decks", ".decklsp"));
        await File.WriteAllBytesAsync(Path.Combine(_folder.Path, "decks", "inside.png"), Png);
        var deck = _folder.Write("decks/d.deck.md", "Q: inside? <!-- id: a -->\nA: ![i](inside.png)\n\nQ: outside? <!-- id: b -->\nA: ![s](../secret.png)\n");
        var package = Path.Combine(_folder.Path, "d.apkg");

        var (code, _, error) = await Run("export", deck, "--format", "apkg", "-o", package, "--db", Path.Combine(_folder.Path, "none.db"));

        Assert.Equal(0, code);
        Assert.Contains("../secret.png leads outside the deck's workspace", error);
        using var zip = ZipFile.OpenRead(package);
        Assert.Equal("{\"0\":\"inside.png\"}", new StreamReader(zip.GetEntry("media")!.Open()).ReadToEnd());
        Assert.Equal(["0", "collection.anki2", "media"], zip.Entries.Select(e => e.FullName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Apkg_without_an_output_file_is_a_usage_error_and_writes_nothing()
    {
        var deck = _folder.Write("d.deck.md", "Q: a\nA: b\n");

        var (code, output, error) = await Run("export", deck, "--format", "apkg");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("name it with -o", error);
        Assert.Equal(["d.deck.md"], FilesIn(_folder.Path));
    }

    private static List<(CardKind, string, string?, string?)> Cards(DeckDocument document) =>
        document.Deck.Cards.Select(c => (c.Kind, Side(document, c.Question).Replace("first.media", "M").Replace("back.media", "M").Replace("words.media", "M"),
            c.Answer is { } a ? Side(document, a).Replace("words.media", "M") : null, c.Id)).ToList();

    private static string Side(DeckDocument document, Core.Text.TextSpan span) =>
        CardText.WithoutComments(document.Text.Substring(span.Start, span.Length)).Trim();

    private static string Stats(string json)
    {
        var deck = JsonDocument.Parse(json).RootElement.GetProperty("decks")[0];
        return string.Join(",", new[] { "cards", "new", "due", "reviews" }.Select(p => deck.GetProperty(p).GetInt32()));
    }

    private sealed class OpenCollection(string file, SqliteConnection connection) : IDisposable
    {
        public SqliteConnection Connection { get; } = connection;

        public void Dispose()
        {
            Connection.Dispose();
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    private OpenCollection Collection(string package)
    {
        var file = Path.Combine(_folder.Path, $"collection-{Guid.NewGuid():N}.sqlite");
        using (var zip = ZipFile.OpenRead(package))
        {
            zip.GetEntry("collection.anki2")!.ExtractToFile(file);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        return new OpenCollection(file, connection);
    }

    // What Anki or AnkiDroid adds when the package's card is studied there: revlog rows at new times.
    private void AddReviews(string package, string guid, (DateTimeOffset At, int Ease)[] reviews) =>
        AddRevlog(package, "n.guid = $key AND c.ord = 0", guid, reviews);

    // Reviews of the card of ordinal <paramref name="ordinal"/> of the note whose fields hold <paramref name="front"/>.
    private void AddReviewsTo(string package, string front, int ordinal, (DateTimeOffset At, int Ease)[] reviews) =>
        AddRevlog(package, $"n.flds LIKE '%' || $key || '%' AND c.ord = {ordinal}", front, reviews);

    private void AddRevlog(string package, string where, string key, (DateTimeOffset At, int Ease)[] reviews)
    {
        var file = Path.Combine(_folder.Path, $"edit-{Guid.NewGuid():N}.sqlite");
        using (var zip = ZipFile.OpenRead(package))
        {
            zip.GetEntry("collection.anki2")!.ExtractToFile(file);
        }

        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString()))
        {
            connection.Open();
            foreach (var (at, ease) in reviews)
            {
                using var command = connection.CreateCommand();
                command.CommandText = "INSERT INTO revlog SELECT $id, c.id, 0, $ease, 3, 1, 2500, 4000, 1 FROM cards c JOIN notes n ON n.id = c.nid WHERE " + where;
                command.Parameters.AddWithValue("$id", at.ToUnixTimeMilliseconds());
                command.Parameters.AddWithValue("$ease", ease);
                command.Parameters.AddWithValue("$key", key);
                Assert.Equal(1, command.ExecuteNonQuery());
            }
        }

        SqliteConnection.ClearAllPools();
        using (var zip = ZipFile.Open(package, ZipArchiveMode.Update))
        {
            zip.GetEntry("collection.anki2")!.Delete();
            zip.CreateEntryFromFile(file, "collection.anki2");
        }

        File.Delete(file);
    }

    // Runs a script of tests/fixtures/anki-reader (its packages installed with npm ci when missing) and returns its stdout.
    private static async Task<string> Node(string script, params string[] args)
    {
        var folder = Path.Combine(TestPaths.RepositoryRoot, "tests", "fixtures", "anki-reader");
        if (!Directory.Exists(Path.Combine(folder, "node_modules")))
        {
            var (installCode, _, installError) = await Process(folder, "npm", "ci", "--no-audit", "--no-fund");
            Assert.True(installCode == 0, $"npm ci in {folder}: {installError}");
        }

        var (code, output, error) = await Process(folder, "node", [script, .. args]);
        Assert.True(code == 0, $"node {script}: {error}");
        return output;
    }

    private static async Task<(int Code, string Out, string Err)> Process(string folder, string command, params string[] args)
    {
        var start = new ProcessStartInfo(command) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
