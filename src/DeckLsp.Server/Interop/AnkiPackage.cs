using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using DeckLsp.Core.Interop;
using ZstdSharp;

namespace DeckLsp.Server.Interop;

/// <summary>
/// An Anki package (<c>.apkg</c>/<c>.colpkg</c>): a zip holding the collection (<c>collection.anki21b</c>, zstd-compressed;
/// else <c>collection.anki21</c>; else <c>collection.anki2</c>) and its media. Read-only; the collection is copied to a
/// temporary file for SQLite and removed on dispose.
/// </summary>
internal sealed class AnkiPackage : IDisposable
{
    private static readonly string[] Collections = ["collection.anki21b", "collection.anki21", "collection.anki2"];
    private static readonly byte[] ZstdMagic = [0x28, 0xB5, 0x2F, 0xFD];

    private readonly ZipArchive _zip;
    private readonly Dictionary<string, string> _mediaEntries;

    private AnkiPackage(ZipArchive zip, string collectionName, int schema, AnkiCollection collection, Dictionary<string, string> mediaEntries)
    {
        _zip = zip;
        CollectionName = collectionName;
        Schema = schema;
        Collection = collection;
        _mediaEntries = mediaEntries;
    }

    public string CollectionName { get; }

    /// <summary>The collection's schema version (<c>col.ver</c>): 11 for the older layout, up to 18.</summary>
    public int Schema { get; }

    /// <summary>What the collection holds (notes, cards, reviews, note types, decks) and the media the package holds.</summary>
    public AnkiCollection Collection { get; }

    /// <summary>
    /// The package, or a sentence saying why it cannot be read. The collection is unpacked within
    /// <paramref name="budget"/>; past it, <see cref="UnpackLimitExceededException"/>.
    /// </summary>
    public static (AnkiPackage? Package, string? Problem) Open(string path, UnpackBudget budget)
    {
        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(path);
        }
        catch (InvalidDataException e)
        {
            return (null, $"not a readable Anki package: the zip archive is damaged or truncated ({e.Message.TrimEnd('.')})");
        }

        try
        {
            var entry = Collections.Select(zip.GetEntry).FirstOrDefault(e => e is not null);
            if (entry is null)
            {
                zip.Dispose();
                return (null, "not an Anki package: it holds no collection.anki21b, collection.anki21 or collection.anki2");
            }

            var temp = Path.Combine(Path.GetTempPath(), $"decklsp-anki-{Guid.NewGuid():N}.sqlite");
            try
            {
                using (var source = entry.Open())
                using (var file = File.Create(temp))
                {
                    var target = budget.Limit(file, $"the collection {entry.Name}");
                    if (entry.Name.EndsWith('b'))
                    {
                        using var decompress = new DecompressionStream(source);
                        decompress.CopyTo(target);
                    }
                    else
                    {
                        source.CopyTo(target);
                    }
                }

                var (schema, read, problem) = ReadCollection(temp, entry.Name);
                if (problem is not null)
                {
                    zip.Dispose();
                    return (null, problem);
                }

                var media = MediaEntries(zip, entry.Name.EndsWith('b'), budget);
                return (new AnkiPackage(zip, entry.Name, schema, read! with { MediaNames = media.Keys }, media), null);
            }
            finally
            {
                File.Delete(temp);
            }
        }
        catch (UnpackLimitExceededException)
        {
            zip.Dispose();
            throw;
        }
        catch (Exception e) when (e is InvalidDataException or ZstdException or IOException or FormatException or JsonException)
        {
            zip.Dispose();
            return (null, $"not a readable Anki package: {e.Message.TrimEnd('.')}");
        }
    }

    /// <summary>Copies a media file out of the package (decompressing it if the package stores it compressed).</summary>
    public void CopyMedia(string name, Stream destination)
    {
        var entry = _zip.GetEntry(_mediaEntries[name]) ?? throw new InvalidDataException($"the media file {name} is listed but missing");
        using var source = entry.Open();
        using var buffered = new BufferedStream(source);
        Span<byte> head = stackalloc byte[4];
        var read = buffered.ReadAtLeast(head, 4, throwOnEndOfStream: false);
        if (read == 4 && head.SequenceEqual(ZstdMagic))
        {
            using var rest = new ConcatenatedStream(head.ToArray(), buffered);
            using var decompress = new DecompressionStream(rest);
            decompress.CopyTo(destination);
        }
        else
        {
            destination.Write(head[..read]);
            buffered.CopyTo(destination);
        }
    }

    public void Dispose() => _zip.Dispose();

    private static (int Schema, AnkiCollection? Read, string? Problem) ReadCollection(string file, string name)
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        using var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            var tables = Strings(connection, "SELECT name FROM sqlite_master WHERE type = 'table'").ToHashSet(StringComparer.OrdinalIgnoreCase);
            var missing = new[] { "col", "notes", "cards", "revlog" }.Where(t => !tables.Contains(t)).ToList();
            if (missing.Count > 0)
            {
                return (0, null, $"unknown Anki collection schema: {name} has no {string.Join(", ", missing.Select(t => $"`{t}`"))} table");
            }

            var schema = Convert.ToInt32(Scalar(connection, "SELECT ver FROM col LIMIT 1") ?? 0, CultureInfo.InvariantCulture);
            if (schema is < 11 or > 18)
            {
                return (schema, null, $"unknown Anki collection schema version {schema} in {name}: DeckLsp reads versions 11 to 18");
            }

            var notetypes = tables.Contains("notetypes") ? NotetypesFromTable(connection, tables) : NotetypesFromJson(Scalar(connection, "SELECT models FROM col LIMIT 1") as string);
            var cloze = notetypes.ToDictionary(t => t.Key, t => t.Value.Cloze);
            var decks = tables.Contains("decks") ? DecksFromTable(connection) : DecksFromJson(Scalar(connection, "SELECT decks FROM col LIMIT 1") as string);
            var notes = new List<AnkiNote>();
            foreach (var row in Rows(connection, "SELECT id, guid, mid, flds, tags FROM notes ORDER BY id"))
            {
                notes.Add(new AnkiNote(Convert.ToInt64(row[0]), Convert.ToString(row[1]) ?? "", Convert.ToInt64(row[2]),
                    (Convert.ToString(row[3]) ?? "").Split('\u001f'), Convert.ToString(row[4]) ?? ""));
            }

            var cards = Rows(connection, "SELECT id, nid, CASE WHEN odid != 0 THEN odid ELSE did END, ord FROM cards ORDER BY nid, ord")
                .Select(r => new AnkiCard(Convert.ToInt64(r[0]), Convert.ToInt64(r[1]), Convert.ToInt64(r[2]), Convert.ToInt32(r[3]))).ToList();
            var reviews = Rows(connection, "SELECT id, cid, ease, time, type, ivl, factor FROM revlog ORDER BY id")
                .Select(r => new AnkiReview(Convert.ToInt64(r[0]), Convert.ToInt64(r[1]), Convert.ToInt32(r[2]), Convert.ToInt64(r[3]),
                    Convert.ToInt32(r[4]), Convert.ToInt64(r[5]), Convert.ToInt64(r[6]))).ToList();
            return (schema, new AnkiCollection(notes, cards, reviews, cloze, decks)
            {
                Notetypes = notetypes.Where(t => t.Value.Fields.Count > 0).ToDictionary(),
                SchedulerVersion = SchedulerVersion(connection, tables),
            }, null);
        }
        catch (SqliteException e)
        {
            return (0, null, $"{name} is not a readable SQLite database ({e.Message.TrimEnd('.')})");
        }
    }

    // Anki reads a collection without schedVer as the v1 scheduler's (col.conf in schema 11, the config table later).
    private static int SchedulerVersion(SqliteConnection connection, HashSet<string> tables)
    {
        var value = tables.Contains("config")
            ? Scalar(connection, "SELECT val FROM config WHERE key = 'schedVer'") switch
            {
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                var other => other as string,
            }
            : ConfValue(Scalar(connection, "SELECT conf FROM col LIMIT 1") as string);
        return int.TryParse(value?.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var version) ? version : 1;
    }

    private static string? ConfValue(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("schedVer", out var version)
            ? version.GetRawText()
            : null;
    }

    // Schema 18 keeps a note type's kind in a protobuf, NotetypeConfig.kind (field 1, 1 for cloze); its fields and
    // templates in tables of their own, a template's front and back in CardTemplateConfig (fields 1 and 2).
    private static Dictionary<long, AnkiNotetype> NotetypesFromTable(SqliteConnection connection, HashSet<string> tables)
    {
        var fields = tables.Contains("fields")
            ? Rows(connection, "SELECT ntid, name FROM fields ORDER BY ntid, ord").ToLookup(r => Convert.ToInt64(r[0]), r => Convert.ToString(r[1]) ?? "")
            : null;
        var templates = tables.Contains("templates")
            ? Rows(connection, "SELECT ntid, config FROM templates ORDER BY ntid, ord").ToLookup(r => Convert.ToInt64(r[0]), r => Template(r[1] as byte[] ?? []))
            : null;
        var types = new Dictionary<long, AnkiNotetype>();
        foreach (var row in Rows(connection, "SELECT id, name, config FROM notetypes"))
        {
            var id = Convert.ToInt64(row[0]);
            var config = row[2] as byte[] ?? [];
            types[id] = new AnkiNotetype(id, Convert.ToString(row[1]) ?? "", Protobuf.Fields(config).Any(f => f.Number == 1 && f.Value == 1),
                fields?[id].ToList() ?? [], templates?[id].ToList() ?? []);
        }

        return types;
    }

    private static AnkiTemplate Template(byte[] config)
    {
        string front = "", back = "";
        foreach (var field in Protobuf.Fields(config))
        {
            if (field.Number == 1)
            {
                front = Encoding.UTF8.GetString(field.Bytes.Span);
            }
            else if (field.Number == 2)
            {
                back = Encoding.UTF8.GetString(field.Bytes.Span);
            }
        }

        return new AnkiTemplate(front, back);
    }

    // Schema 11: col.models is JSON, {"id": {"name": …, "type": 0 or 1 (cloze), "flds": [{"name": …}], "tmpls": [{"qfmt": …, "afmt": …}]}}.
    private static Dictionary<long, AnkiNotetype> NotetypesFromJson(string? json)
    {
        var types = new Dictionary<long, AnkiNotetype>();
        if (string.IsNullOrWhiteSpace(json))
        {
            return types;
        }

        using var document = JsonDocument.Parse(json);
        foreach (var model in document.RootElement.EnumerateObject())
        {
            if (!long.TryParse(model.Name, CultureInfo.InvariantCulture, out var id))
            {
                continue;
            }

            var value = model.Value;
            var cloze = value.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.Number && type.GetInt32() == 1;
            var name = value.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() ?? "" : "";
            var fields = Items(value, "flds").Select(f => Text(f, "name")).ToList();
            var templates = Items(value, "tmpls").Select(t => new AnkiTemplate(Text(t, "qfmt"), Text(t, "afmt"))).ToList();
            types[id] = new AnkiNotetype(id, name, cloze, fields, templates);
        }

        return types;
    }

    private static IEnumerable<JsonElement> Items(JsonElement element, string name) =>
        element.TryGetProperty(name, out var array) && array.ValueKind == JsonValueKind.Array ? array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object) : [];

    private static string Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() ?? "" : "";

    // Schema 18: decks.name separates subdecks with \x1f.
    private static Dictionary<long, string[]> DecksFromTable(SqliteConnection connection) =>
        Rows(connection, "SELECT id, name FROM decks").ToDictionary(r => Convert.ToInt64(r[0]), r => (Convert.ToString(r[1]) ?? "").Split('\u001f'));

    private static Dictionary<long, string[]> DecksFromJson(string? json)
    {
        var decks = new Dictionary<long, string[]>();
        if (string.IsNullOrWhiteSpace(json))
        {
            return decks;
        }

        using var document = JsonDocument.Parse(json);
        foreach (var deck in document.RootElement.EnumerateObject())
        {
            if (long.TryParse(deck.Name, CultureInfo.InvariantCulture, out var id) && deck.Value.TryGetProperty("name", out var name))
            {
                decks[id] = (name.GetString() ?? "").Split("::");
            }
        }

        return decks;
    }

    // The "media" entry maps zip entry names to file names: JSON {"0": "a.jpg"} in older packages; in newer ones a
    // zstd-compressed protobuf MediaEntries { repeated MediaEntry { name = 1; …; legacy_zip_filename = 255 } = 1 },
    // where an entry's zip name is its legacy name or else its index.
    private static Dictionary<string, string> MediaEntries(ZipArchive zip, bool latest, UnpackBudget budget)
    {
        var media = new Dictionary<string, string>(StringComparer.Ordinal);
        if (zip.GetEntry("media") is not { } entry)
        {
            return media;
        }

        using var stream = new MemoryStream();
        using (var source = entry.Open())
        {
            source.CopyTo(budget.Limit(stream, "the media list"));
        }

        var bytes = stream.ToArray();
        if (bytes.Length == 0)
        {
            return media;
        }

        if (bytes.AsSpan().StartsWith(ZstdMagic))
        {
            // Streamed, not Decompressor.Unwrap: the frame's own size field is the archive's claim, not a fact.
            using var unpacked = new MemoryStream();
            using (var decompress = new DecompressionStream(new MemoryStream(bytes)))
            {
                decompress.CopyTo(budget.Limit(unpacked, "the media list"));
            }

            bytes = unpacked.ToArray();
        }
        else if (bytes[0] == (byte)'{' || !latest)
        {
            using var document = JsonDocument.Parse(bytes);
            foreach (var item in document.RootElement.EnumerateObject())
            {
                if (item.Value.GetString() is { Length: > 0 } name)
                {
                    media[name] = item.Name;
                }
            }

            return media;
        }

        var index = 0;
        foreach (var field in Protobuf.Fields(bytes).Where(f => f.Number == 1))
        {
            string? name = null;
            var zipName = index.ToString(CultureInfo.InvariantCulture);
            foreach (var part in Protobuf.Fields(field.Bytes))
            {
                if (part.Number == 1)
                {
                    name = Encoding.UTF8.GetString(part.Bytes.Span);
                }
                else if (part.Number == 255)
                {
                    zipName = part.Value.ToString(CultureInfo.InvariantCulture);
                }
            }

            if (!string.IsNullOrEmpty(name))
            {
                media[name] = zipName;
            }

            index++;
        }

        return media;
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    private static IEnumerable<string> Strings(SqliteConnection connection, string sql) =>
        Rows(connection, sql).Select(r => Convert.ToString(r[0]) ?? "");

    /// <summary>Every row of a query, each as its column values (what reading a package and its tests need).</summary>
    internal static List<object?[]> Rows(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            reader.GetValues(row!);
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>A stream of some bytes already read, then the rest of another stream.</summary>
    private sealed class ConcatenatedStream(byte[] head, Stream tail) : Stream
    {
        private int _at;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_at < head.Length)
            {
                var n = Math.Min(count, head.Length - _at);
                Array.Copy(head, _at, buffer, offset, n);
                _at += n;
                return n;
            }

            return tail.Read(buffer, offset, count);
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
