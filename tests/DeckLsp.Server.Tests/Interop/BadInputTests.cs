using System.IO.Compression;
using static DeckLsp.Server.Tests.Interop.InteropCli;

namespace DeckLsp.Server.Tests.Interop;

/// <summary>Each kind of bad input: a message naming the file and the problem, exit 2, and nothing written.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string, string> Cases => new()
    {
        { "empty", "the file is empty" },
        { "binary", "not a text file (binary data at byte 3)" },
        { "latin1", "not UTF-8 text (invalid bytes at byte 4)" },
        { "truncated zip", "not a readable Anki package: the zip archive is damaged or truncated" },
        { "zip without a collection", "not an Anki package: it holds no collection.anki21b, collection.anki21 or collection.anki2" },
        { "broken quote", "line 2: a quoted field is never closed" },
        { "text after a quote", "line 1: text follows the closing quote of a quoted field" },
        { "unknown schema version", "unknown Anki collection schema version 99 in collection.anki21b: DeckLsp reads versions 11 to 18" },
        { "collection without notes", "unknown Anki collection schema: collection.anki2 has no `notes`, `cards`, `revlog` table" },
        { "collection that is not SQLite", "collection.anki2 is not a readable SQLite database" },
        { "text export without answer", "line 3: card 1 has a question but no `A` line" },
        { "csv without cards", "no row has both a question and an answer" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_named_with_its_problem_and_writes_nothing(string kind, string problem)
    {
        var source = Make(kind);
        var before = FilesIn(_folder.Path);
        var database = Path.Combine(_folder.Path, "db", "reviews.db");

        var (code, output, error) = await Run("import", source, "--db", database);

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.StartsWith($"decklsp import: {source}: ", error);
        Assert.Contains(problem, error);
        Assert.Equal(before, FilesIn(_folder.Path));
    }

    [Fact]
    public async Task A_missing_source_is_a_usage_error()
    {
        var (code, _, error) = await Run("import", Path.Combine(_folder.Path, "nope.csv"));

        Assert.Equal(2, code);
        Assert.Contains("no such file: ", error);
    }

    [Fact]
    public async Task An_output_that_is_not_a_deck_is_a_usage_error()
    {
        var source = _folder.Write("cards.csv", "term,definition\na,b\n");

        var (code, _, error) = await Run("import", source, "-o", Path.Combine(_folder.Path, "cards.md"));

        Assert.Equal(2, code);
        Assert.Contains("a deck's name must end in .deck.md", error);
        Assert.Equal(["cards.csv"], FilesIn(_folder.Path));
    }

    [Fact]
    public async Task Import_onto_its_own_source_is_refused_even_with_force()
    {
        var source = _folder.Write("notes.deck.md", "term,definition\na,b\n");

        var (code, _, error) = await Run("import", source, "--format", "csv", "-o", source, "--force");

        Assert.Equal(2, code);
        Assert.Contains($"decklsp import: -o {source} is the file being imported", error);
        Assert.Equal("term,definition\na,b\n", await File.ReadAllTextAsync(source));
    }

    private string Make(string kind)
    {
        string Bytes(string name, byte[] bytes)
        {
            var path = Path.Combine(_folder.Path, name);
            File.WriteAllBytes(path, bytes);
            return path;
        }

        string Package(string name, int schema)
        {
            var path = Path.Combine(_folder.Path, name);
            new AnkiPackageBuilder { SchemaVersion = schema }.Deck(1, "D").Note(1, "g", AnkiPackageBuilder.BasicType, ["q", "a"]).Card(1, 1, 1).Write(path);
            return path;
        }

        switch (kind)
        {
            case "empty":
                return Bytes("empty.csv", []);
            case "binary":
                return Bytes("image.txt", [0x47, 0x49, 0x46, 0x00, 0x01, 0x02]);
            case "latin1":
                return Bytes("latin.tsv", [(byte)'c', (byte)'a', (byte)'f', (byte)'\t', 0xE9, (byte)'\n']);
            case "truncated zip":
                var whole = Package("whole.bin", 11);
                var bytes = File.ReadAllBytes(whole);
                File.Delete(whole);
                return Bytes("cut.apkg", bytes[..(bytes.Length / 2)]);
            case "zip without a collection":
                var zipPath = Path.Combine(_folder.Path, "other.apkg");
                using (var zip = ZipFile.Open(zipPath, ZipArchiveMode.Create))
                {
                    using var entry = zip.CreateEntry("readme.txt").Open();
                    entry.Write("hello"u8);
                }

                return zipPath;
            case "broken quote":
                return _folder.Write("broken.csv", "term,definition\n\"open,never closed\nmore,rows\n");
            case "text after a quote":
                return _folder.Write("after.csv", "\"a\"b,c\n");
            case "unknown schema version":
                return Package("future.apkg", 99);
            case "collection without notes":
                var noNotes = Path.Combine(_folder.Path, "bare.apkg");
                var db = Path.Combine(Path.GetTempPath(), $"bare-{Guid.NewGuid():N}.sqlite");
                using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={db};Pooling=False"))
                {
                    connection.Open();
                    using var command = connection.CreateCommand();
                    command.CommandText = "CREATE TABLE col (ver integer); INSERT INTO col VALUES (11);";
                    command.ExecuteNonQuery();
                }

                using (var zip = ZipFile.Open(noNotes, ZipArchiveMode.Create))
                {
                    zip.CreateEntryFromFile(db, "collection.anki2");
                }

                File.Delete(db);
                return noNotes;
            case "collection that is not SQLite":
                var fake = Path.Combine(_folder.Path, "fake.apkg");
                using (var zip = ZipFile.Open(fake, ZipArchiveMode.Create))
                {
                    using var entry = zip.CreateEntry("collection.anki2").Open();
                    entry.Write(new byte[4096]);
                }

                return fake;
            case "text export without answer":
                return _folder.Write("export.txt", "Deck\n\n1\nQ\nOnly a question\n");
            case "csv without cards":
                return _folder.Write("half.csv", "term,definition\nlonely,\n");
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }
}
