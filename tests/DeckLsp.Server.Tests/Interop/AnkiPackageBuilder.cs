using DeckLsp.Server.Interop;
using System.IO.Compression;
using System.Text;
using Microsoft.Data.Sqlite;
using ZstdSharp;

namespace DeckLsp.Server.Tests.Interop;

/// <summary>
/// Builds small Anki packages for the tests: a SQLite collection in the older layout (schema 11, note types and decks
/// as JSON in <c>col</c>, <c>collection.anki2</c>) or the newer one (schema 18, tables of their own, zstd-compressed
/// <c>collection.anki21b</c> with a protobuf media list and compressed media), zipped with its media.
/// </summary>
internal sealed class AnkiPackageBuilder
{
    public const long BasicType = 1001;
    public const long ClozeType = 1002;

    private readonly List<(long Id, string Guid, long Type, string Fields, string Tags)> _notes = [];
    private readonly List<(long Id, long Note, long Deck, int Ordinal)> _cards = [];
    private readonly List<(long Id, long Card, int Ease, int Type, long Interval, long Factor)> _revlog = [];
    private readonly Dictionary<long, string> _decks = [];
    private readonly List<(string Name, byte[] Bytes)> _media = [];

    public int SchemaVersion { get; init; } = 11;

    /// <summary>The collection's <c>schedVer</c> (2, as Anki has written since 2.1.14's v2 scheduler); null leaves it out, as the v1 scheduler did.</summary>
    public int? SchedulerVersion { get; init; } = 2;

    public AnkiPackageBuilder Deck(long id, string name)
    {
        _decks[id] = name;
        return this;
    }

    public AnkiPackageBuilder Note(long id, string guid, long type, string[] fields, string tags = "")
    {
        _notes.Add((id, guid, type, string.Join('\u001f', fields), tags));
        return this;
    }

    public AnkiPackageBuilder Card(long id, long note, long deck, int ordinal = 0)
    {
        _cards.Add((id, note, deck, ordinal));
        return this;
    }

    /// <param name="at">When, which is also the row's id (milliseconds since the epoch).</param>
    public AnkiPackageBuilder Review(long card, DateTimeOffset at, int ease, int type = 1, long interval = 1, long factor = 2500)
    {
        _revlog.Add((at.ToUnixTimeMilliseconds(), card, ease, type, interval, factor));
        return this;
    }

    public AnkiPackageBuilder Media(string name, byte[] bytes)
    {
        _media.Add((name, bytes));
        return this;
    }

    public void Write(string path)
    {
        var database = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"anki-test-{Guid.NewGuid():N}.sqlite");
        try
        {
            WriteCollection(database);
            var latest = SchemaVersion >= 18;
            using var zip = ZipFile.Open(path, ZipArchiveMode.Create);
            var collection = File.ReadAllBytes(database);
            if (latest)
            {
                Add(zip, "collection.anki21b", Zstd(collection));
                // Anki adds an old-layout collection that only says to upgrade; a reader must prefer the newer one.
                Add(zip, "collection.anki2", [1, 2, 3]);
                Add(zip, "meta", [0x08, 0x03]);
                var entries = new MemoryStream();
                foreach (var (name, bytes) in _media)
                {
                    var entry = Protobuf(1, Encoding.UTF8.GetBytes(name)).Concat(Varint(2 << 3)).Concat(Varint((ulong)bytes.Length)).ToArray();
                    entries.Write(Protobuf(1, entry));
                }

                Add(zip, "media", Zstd(entries.ToArray()));
                for (var i = 0; i < _media.Count; i++)
                {
                    Add(zip, i.ToString(System.Globalization.CultureInfo.InvariantCulture), Zstd(_media[i].Bytes));
                }
            }
            else
            {
                Add(zip, "collection.anki2", collection);
                var map = string.Join(",", _media.Select((m, i) => $"\"{i}\": \"{m.Name}\""));
                Add(zip, "media", Encoding.UTF8.GetBytes("{" + map + "}"));
                for (var i = 0; i < _media.Count; i++)
                {
                    Add(zip, i.ToString(System.Globalization.CultureInfo.InvariantCulture), _media[i].Bytes);
                }
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(database);
        }
    }

    private void WriteCollection(string file)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        // One transaction: a row at a time, each its own commit, took a minute for a real collection's revlog.
        AnkiPackageWriter.Execute(connection, "BEGIN");
        var latest = SchemaVersion >= 18;
        AnkiPackageWriter.Execute(connection, """
            CREATE TABLE col (id integer primary key, crt integer, mod integer, scm integer, ver integer, dty integer, usn integer,
                ls integer, conf text, models text, decks text, dconf text, tags text);
            CREATE TABLE notes (id integer primary key, guid text, mid integer, mod integer, usn integer, tags text, flds text,
                sfld text, csum integer, flags integer, data text);
            CREATE TABLE cards (id integer primary key, nid integer, did integer, ord integer, mod integer, usn integer, type integer,
                queue integer, due integer, ivl integer, factor integer, reps integer, lapses integer, left integer, odue integer,
                odid integer, flags integer, data text);
            CREATE TABLE revlog (id integer primary key, cid integer, usn integer, ease integer, ivl integer, lastIvl integer,
                factor integer, time integer, type integer);
            """);
        var models = latest ? "" : "{" + $"\"{BasicType}\": {{\"name\": \"Basic\", \"type\": 0}}, \"{ClozeType}\": {{\"name\": \"Cloze\", \"type\": 1}}" + "}";
        var decks = latest ? "" : "{" + string.Join(",", _decks.Select(d => $"\"{d.Key}\": {{\"name\": \"{d.Value}\"}}")) + "}";
        var conf = SchedulerVersion is { } scheduler && !latest ? $"{{\"schedVer\": {scheduler}}}" : "{}";
        AnkiPackageWriter.Execute(connection, "INSERT INTO col VALUES (1, 0, 0, 0, $ver, 0, 0, 0, $conf, $models, $decks, '{}', '{}')",
            ("$ver", SchemaVersion), ("$conf", conf), ("$models", models), ("$decks", decks));
        if (latest)
        {
            AnkiPackageWriter.Execute(connection, "CREATE TABLE config (KEY text NOT NULL PRIMARY KEY, usn integer, mtime_secs integer, val blob)");
            if (SchedulerVersion is { } version)
            {
                AnkiPackageWriter.Execute(connection, "INSERT INTO config VALUES ('schedVer', 0, 0, $val)", ("$val", Encoding.UTF8.GetBytes(version.ToString(System.Globalization.CultureInfo.InvariantCulture))));
            }
        }

        if (latest)
        {
            AnkiPackageWriter.Execute(connection, """
                CREATE TABLE notetypes (id integer primary key, name text, mtime_secs integer, usn integer, config blob);
                CREATE TABLE decks (id integer primary key, name text, mtime_secs integer, usn integer, common blob, kind blob);
                """);
            // NotetypeConfig: kind = 1 (field 1) for cloze; other fields (here the sort field, 2) are skipped.
            AnkiPackageWriter.Execute(connection, "INSERT INTO notetypes VALUES ($id, 'Basic', 0, 0, $config)", ("$id", BasicType), ("$config", new byte[] { 0x10, 0x00 }));
            AnkiPackageWriter.Execute(connection, "INSERT INTO notetypes VALUES ($id, 'Cloze', 0, 0, $config)", ("$id", ClozeType), ("$config", new byte[] { 0x08, 0x01, 0x10, 0x00 }));
            foreach (var (id, name) in _decks)
            {
                AnkiPackageWriter.Execute(connection, "INSERT INTO decks VALUES ($id, $name, 0, 0, x'', x'')", ("$id", id), ("$name", name.Replace("::", "\u001f")));
            }
        }

        foreach (var note in _notes)
        {
            AnkiPackageWriter.Execute(connection, "INSERT INTO notes VALUES ($id, $guid, $mid, 0, 0, $tags, $flds, '', 0, 0, '')",
                ("$id", note.Id), ("$guid", note.Guid), ("$mid", note.Type), ("$tags", note.Tags), ("$flds", note.Fields));
        }

        foreach (var card in _cards)
        {
            AnkiPackageWriter.Execute(connection, "INSERT INTO cards VALUES ($id, $nid, $did, $ord, 0, 0, 2, 2, 0, 1, 2500, 1, 0, 0, 0, 0, 0, '')",
                ("$id", card.Id), ("$nid", card.Note), ("$did", card.Deck), ("$ord", card.Ordinal));
        }

        foreach (var row in _revlog)
        {
            AnkiPackageWriter.Execute(connection, "INSERT INTO revlog VALUES ($id, $cid, 0, $ease, $ivl, 0, $factor, 6000, $type)",
                ("$id", row.Id), ("$cid", row.Card), ("$ease", row.Ease), ("$ivl", row.Interval), ("$factor", row.Factor), ("$type", row.Type));
        }

        AnkiPackageWriter.Execute(connection, "COMMIT");
    }

    private static void Add(ZipArchive zip, string name, byte[] bytes)
    {
        using var stream = zip.CreateEntry(name).Open();
        stream.Write(bytes);
    }

    private static byte[] Zstd(byte[] bytes)
    {
        using var compressor = new Compressor();
        return compressor.Wrap(bytes).ToArray();
    }

    private static byte[] Protobuf(int field, byte[] bytes) => Varint((ulong)(field << 3 | 2)).Concat(Varint((ulong)bytes.Length)).Concat(bytes).ToArray();

    private static byte[] Varint(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return [.. bytes];
    }
}
