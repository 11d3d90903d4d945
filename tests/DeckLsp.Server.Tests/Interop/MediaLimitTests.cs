using System.IO.Compression;
using static DeckLsp.Server.Tests.Interop.InteropCli;

namespace DeckLsp.Server.Tests.Interop;

/// <summary>
/// Defect 10: what an Anki package unpacks to is capped per file and in total, counted in the bytes actually written,
/// so a package whose media expand to gigabytes stops with a clear message and leaves nothing behind; and the
/// temporary files a killed import left are removed by the next write into their folder.
/// </summary>
public sealed class MediaLimitTests : IDisposable
{
    private const int MiB = 1024 * 1024;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Database => Path.Combine(_folder.Path, "db", "reviews.db");

    private string Package(int schema, params (string Name, int Bytes)[] media)
    {
        var builder = new AnkiPackageBuilder { SchemaVersion = schema }
            .Deck(5, "D").Note(1, "g1", AnkiPackageBuilder.BasicType, ["q", "a"]).Card(1, 1, 5).Review(1, DateTimeOffset.UnixEpoch.AddYears(50), ease: 3);
        foreach (var (name, bytes) in media)
        {
            builder.Media(name, new byte[bytes]);
        }

        var path = Path.Combine(_folder.Path, "deck.apkg");
        builder.Write(path);
        return path;
    }

    [Fact]
    public async Task A_media_file_over_the_limit_stops_the_import_with_what_to_do_and_writes_nothing()
    {
        var source = Package(11, ("small.png", 1000), ("film.mp4", 2 * MiB));
        var before = FilesIn(_folder.Path);

        var (code, output, error) = await Run("import", source, "--db", Database, "--max-media-file-mb", "1");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains($"decklsp import: {source}: the media file film.mp4 is larger than 1 MiB, the limit for one file", error);
        Assert.Contains("nothing was written", error);
        Assert.Contains("--max-media-file-mb", error);
        Assert.Equal(before, FilesIn(_folder.Path));
    }

    [Fact]
    public async Task The_limit_counts_the_bytes_written_not_the_size_the_archive_gives()
    {
        // Schema 18 stores media zstd-compressed inside the zip: 3 MiB of zeros is a few hundred bytes in the archive.
        var source = Package(18, ("zeros.bin", 3 * MiB));
        using (var zip = ZipFile.OpenRead(source))
        {
            Assert.True(zip.GetEntry("0")!.Length < 64 * 1024);
        }

        var (code, _, error) = await Run("import", source, "--db", Database, "--max-media-file-mb", "1");

        Assert.Equal(2, code);
        Assert.Contains("the media file zeros.bin is larger than 1 MiB", error);
        Assert.Equal(["deck.apkg"], FilesIn(_folder.Path));
    }

    [Fact]
    public async Task Media_over_the_total_limit_stop_the_import()
    {
        var source = Package(11, ("a.png", 400 * 1024), ("b.png", 400 * 1024), ("c.png", 400 * 1024));

        var (code, _, error) = await Run("import", source, "--db", Database, "--max-media-mb", "1");

        Assert.Equal(2, code);
        Assert.Contains("unpacks to more than 1 MiB in all, the limit for one package", error);
        Assert.Contains("--max-media-mb", error);
        Assert.Equal(["deck.apkg"], FilesIn(_folder.Path));
        Assert.False(File.Exists(Database));
    }

    [Fact]
    public async Task Raised_limits_let_the_same_package_in()
    {
        var source = Package(18, ("film.mp4", 2 * MiB));

        var (code, output, error) = await Run("import", source, "--db", Database, "--max-media-file-mb", "3", "--max-media-mb", "3");

        Assert.True(code == 0, error);
        Assert.Contains("1 media file", output);
        Assert.Equal(2 * MiB, new FileInfo(Path.Combine(_folder.Path, "deck.media", "film.mp4")).Length);
    }

    [Fact]
    public async Task A_killed_imports_temporary_files_are_removed_by_the_next_import_into_their_folder()
    {
        var source = Package(11, ("a.png", 10));
        var media = Directory.CreateDirectory(Path.Combine(_folder.Path, "deck.media")).FullName;
        var staleDeck = _folder.Write($".deck.deck.md.{Guid.NewGuid():N}.tmp", "half a deck");
        var staleMedia = _folder.Write(Path.Combine("deck.media", $".a.png.{Guid.NewGuid():N}.tmp"), "half an image");
        var notOurs = _folder.Write(".notes.tmp", "someone else's");
        var inUse = _folder.Write($".other.deck.md.{Guid.NewGuid():N}.tmp", "another import, still writing");

        int code;
        string error;
        using (new FileStream(inUse, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            (code, _, error) = await Run("import", source, "--db", Database);
        }

        Assert.True(code == 0, error);
        Assert.False(File.Exists(staleDeck));
        Assert.False(File.Exists(staleMedia));
        Assert.True(File.Exists(notOurs));
        Assert.True(File.Exists(inUse));
        Assert.Equal(["a.png"], Directory.EnumerateFileSystemEntries(media).Select(Path.GetFileName));
    }

    [Fact]
    public async Task An_export_removes_stale_temporary_files_beside_its_output()
    {
        var deck = _folder.Write("plain.deck.md", "Q: a\n\nA: b\n");
        var stale = _folder.Write($".plain.tsv.{Guid.NewGuid():N}.tmp", "half an export");

        var (code, _, _) = await Run("export", deck, "--format", "tsv", "-o", Path.Combine(_folder.Path, "plain.tsv"));

        Assert.Equal(0, code);
        Assert.False(File.Exists(stale));
    }
}
