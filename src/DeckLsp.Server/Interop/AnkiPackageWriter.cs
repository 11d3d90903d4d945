using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using DeckLsp.Core.Interop;
using Microsoft.Data.Sqlite;

namespace DeckLsp.Server.Interop;

/// <summary>
/// Writes an Anki package: the collection as a real SQLite file in the older layout (schema 11, <c>collection.anki2</c>,
/// note types and decks as JSON in <c>col</c>), which Anki, AnkiDroid and third-party readers all import, zipped with
/// its media and a JSON media list. The collection is built in a temporary file, removed afterwards.
/// </summary>
internal static class AnkiPackageWriter
{
    private const string Schema = """
        CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null, scm integer not null, ver integer not null,
            dty integer not null, usn integer not null, ls integer not null, conf text not null, models text not null, decks text not null,
            dconf text not null, tags text not null);
        CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null, mod integer not null, usn integer not null,
            tags text not null, flds text not null, sfld integer not null, csum integer not null, flags integer not null, data text not null);
        CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null, ord integer not null, mod integer not null,
            usn integer not null, type integer not null, queue integer not null, due integer not null, ivl integer not null,
            factor integer not null, reps integer not null, lapses integer not null, left integer not null, odue integer not null,
            odid integer not null, flags integer not null, data text not null);
        CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null, ivl integer not null,
            lastIvl integer not null, factor integer not null, time integer not null, type integer not null);
        CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
        CREATE INDEX ix_notes_usn on notes (usn);
        CREATE INDEX ix_cards_usn on cards (usn);
        CREATE INDEX ix_revlog_usn on revlog (usn);
        CREATE INDEX ix_cards_nid on cards (nid);
        CREATE INDEX ix_cards_sched on cards (did, queue, due);
        CREATE INDEX ix_revlog_cid on revlog (cid);
        CREATE INDEX ix_notes_csum on notes (csum);
        """;

    /// <summary>Writes the package into <paramref name="output"/>; <paramref name="media"/> maps a name in the package to the file it copies.</summary>
    public static void Write(Stream output, AnkiPackageContent content, IReadOnlyList<(string Name, string File)> media, DateTimeOffset now)
    {
        var database = Path.Combine(Path.GetTempPath(), $"decklsp-apkg-{Guid.NewGuid():N}.sqlite");
        try
        {
            WriteCollection(database, content, now);
            using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
            zip.CreateEntryFromFile(database, "collection.anki2", CompressionLevel.Optimal);
            var list = new MemoryStream();
            using (var json = new Utf8JsonWriter(list))
            {
                json.WriteStartObject();
                for (var i = 0; i < media.Count; i++)
                {
                    json.WriteString(i.ToString(CultureInfo.InvariantCulture), media[i].Name);
                }

                json.WriteEndObject();
            }

            using (var entry = zip.CreateEntry("media").Open())
            {
                entry.Write(list.ToArray());
            }

            for (var i = 0; i < media.Count; i++)
            {
                zip.CreateEntryFromFile(media[i].File, i.ToString(CultureInfo.InvariantCulture), CompressionLevel.Optimal);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(database);
        }
    }

    private static void WriteCollection(string file, AnkiPackageContent content, DateTimeOffset now)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        using var transaction = connection.BeginTransaction();
        Execute(connection, Schema);
        var mod = now.ToUnixTimeMilliseconds();
        var firstDeck = content.Decks.Count > 0 ? content.Decks[0].Id : 1;
        Execute(connection, "INSERT INTO col VALUES (1, $crt, $mod, $mod, 11, 0, 0, 0, $conf, $models, $decks, $dconf, '{}')",
            ("$crt", content.CreatedSeconds), ("$mod", mod), ("$conf", Conf(firstDeck)), ("$models", Models(content, firstDeck, now)),
            ("$decks", Decks(content, now)), ("$dconf", DeckConf()));
        var seconds = now.ToUnixTimeSeconds();
        foreach (var note in content.Notes)
        {
            Execute(connection, "INSERT INTO notes VALUES ($id, $guid, $mid, $mod, -1, $tags, $flds, $sfld, $csum, 0, '')",
                ("$id", note.Id), ("$guid", note.Guid), ("$mid", note.NotetypeId), ("$mod", seconds), ("$tags", note.Tags),
                ("$flds", string.Join('\u001f', note.Fields)), ("$sfld", note.SortField), ("$csum", note.Checksum));
        }

        foreach (var card in content.Cards)
        {
            Execute(connection, "INSERT INTO cards VALUES ($id, $nid, $did, $ord, $mod, -1, $type, $queue, $due, $ivl, $factor, $reps, $lapses, $left, 0, 0, 0, $data)",
                ("$id", card.Id), ("$nid", card.NoteId), ("$did", card.DeckId), ("$ord", card.Ordinal), ("$mod", seconds), ("$type", card.Type),
                ("$queue", card.Queue), ("$due", card.Due), ("$ivl", card.Interval), ("$factor", card.Factor), ("$reps", card.Reps),
                ("$lapses", card.Lapses), ("$left", card.Left), ("$data", Memory(card)));
        }

        foreach (var row in content.Revlog)
        {
            Execute(connection, "INSERT INTO revlog VALUES ($id, $cid, -1, $ease, $ivl, $lastIvl, $factor, $time, $type)",
                ("$id", row.Id), ("$cid", row.CardId), ("$ease", row.Ease), ("$ivl", row.Interval), ("$lastIvl", row.LastInterval),
                ("$factor", row.Factor), ("$time", row.TimeMs), ("$type", row.Type));
        }

        transaction.Commit();
    }

    // The FSRS memory state Anki keeps in a card's data (stability and difficulty), so an FSRS collection goes on from it.
    private static string Memory(AnkiCardRow card) => card.Memory is not { } memory ? "" : Json(json =>
    {
        json.WriteStartObject();
        json.WriteNumber("s", Math.Round(memory.Stability, 4));
        json.WriteNumber("d", Math.Round(memory.Difficulty, 3));
        json.WriteEndObject();
    });

    // schedVer 2 says the eases are the v2/v3 scheduler's (a reader that remaps a v1 collection's must not remap ours).
    private static string Conf(long deck) => Json(json =>
    {
        json.WriteStartObject();
        json.WriteStartArray("activeDecks");
        json.WriteNumberValue(deck);
        json.WriteEndArray();
        json.WriteNumber("curDeck", deck);
        json.WriteString("curModel", AnkiPackageExport.Basic.Id.ToString(CultureInfo.InvariantCulture));
        json.WriteNumber("schedVer", 2);
        json.WriteBoolean("addToCur", true);
        json.WriteNumber("collapseTime", 1200);
        json.WriteBoolean("dueCounts", true);
        json.WriteBoolean("estTimes", true);
        json.WriteNumber("newSpread", 0);
        json.WriteNumber("nextPos", 1);
        json.WriteString("sortType", "noteFld");
        json.WriteBoolean("sortBackwards", false);
        json.WriteNumber("timeLim", 0);
        json.WriteEndObject();
    });

    private static string Models(AnkiPackageContent content, long deck, DateTimeOffset now) => Json(json =>
    {
        json.WriteStartObject();
        foreach (var type in content.Notetypes)
        {
            json.WriteStartObject(type.Id.ToString(CultureInfo.InvariantCulture));
            json.WriteNumber("id", type.Id);
            json.WriteString("name", type.Name);
            json.WriteNumber("type", type.IsCloze ? 1 : 0);
            json.WriteNumber("mod", now.ToUnixTimeSeconds());
            json.WriteNumber("usn", -1);
            json.WriteNumber("sortf", 0);
            json.WriteNumber("did", deck);
            json.WriteString("css", type.Css);
            json.WriteString("latexPre", "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n");
            json.WriteString("latexPost", "\\end{document}");
            json.WriteBoolean("latexsvg", false);
            json.WriteStartArray("tags");
            json.WriteEndArray();
            json.WriteStartArray("vers");
            json.WriteEndArray();
            json.WriteStartArray("flds");
            for (var i = 0; i < type.Fields.Count; i++)
            {
                json.WriteStartObject();
                json.WriteString("name", type.Fields[i]);
                json.WriteNumber("ord", i);
                json.WriteBoolean("sticky", false);
                json.WriteBoolean("rtl", false);
                json.WriteString("font", "Arial");
                json.WriteNumber("size", 20);
                json.WriteStartArray("media");
                json.WriteEndArray();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteStartArray("tmpls");
            for (var i = 0; i < type.Templates.Count; i++)
            {
                var (name, question, answer) = type.Templates[i];
                json.WriteStartObject();
                json.WriteString("name", name);
                json.WriteNumber("ord", i);
                json.WriteString("qfmt", question);
                json.WriteString("afmt", answer);
                json.WriteString("bqfmt", "");
                json.WriteString("bafmt", "");
                json.WriteNull("did");
                json.WriteString("bfont", "");
                json.WriteNumber("bsize", 0);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            // Which fields each template needs to make a card: template i shows field i (the reverse shows the back).
            json.WriteStartArray("req");
            for (var i = 0; i < type.Templates.Count; i++)
            {
                json.WriteStartArray();
                json.WriteNumberValue(i);
                json.WriteStringValue("any");
                json.WriteStartArray();
                json.WriteNumberValue(i);
                json.WriteEndArray();
                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        json.WriteEndObject();
    });

    private static string Decks(AnkiPackageContent content, DateTimeOffset now) => Json(json =>
    {
        json.WriteStartObject();
        // Anki's own "Default" deck (id 1) is expected in every collection.
        var decks = content.Decks.Any(d => d.Id == 1) ? content.Decks : [new AnkiDeckRow(1, "Default"), .. content.Decks];
        foreach (var deck in decks)
        {
            json.WriteStartObject(deck.Id.ToString(CultureInfo.InvariantCulture));
            json.WriteNumber("id", deck.Id);
            json.WriteString("name", deck.Name);
            json.WriteString("desc", "");
            json.WriteNumber("dyn", 0);
            json.WriteNumber("conf", 1);
            json.WriteBoolean("collapsed", false);
            json.WriteNumber("extendNew", 0);
            json.WriteNumber("extendRev", 50);
            json.WriteNumber("mod", now.ToUnixTimeSeconds());
            json.WriteNumber("usn", -1);
            foreach (var today in new[] { "newToday", "revToday", "lrnToday", "timeToday" })
            {
                json.WriteStartArray(today);
                json.WriteNumberValue(0);
                json.WriteNumberValue(0);
                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    });

    private static string DeckConf() => Json(json =>
    {
        json.WriteStartObject();
        json.WriteStartObject("1");
        json.WriteNumber("id", 1);
        json.WriteString("name", "Default");
        json.WriteNumber("mod", 0);
        json.WriteNumber("usn", 0);
        json.WriteNumber("maxTaken", 60);
        json.WriteBoolean("autoplay", true);
        json.WriteBoolean("replayq", true);
        json.WriteNumber("timer", 0);
        json.WriteStartObject("new");
        Numbers(json, "delays", 1, 10);
        Numbers(json, "ints", 1, 4, 7);
        json.WriteNumber("initialFactor", 2500);
        json.WriteNumber("order", 1);
        json.WriteNumber("perDay", 20);
        json.WriteBoolean("bury", true);
        json.WriteBoolean("separate", true);
        json.WriteEndObject();
        json.WriteStartObject("lapse");
        Numbers(json, "delays", 10);
        json.WriteNumber("leechAction", 0);
        json.WriteNumber("leechFails", 8);
        json.WriteNumber("minInt", 1);
        json.WriteNumber("mult", 0);
        json.WriteEndObject();
        json.WriteStartObject("rev");
        json.WriteNumber("perDay", 200);
        json.WriteNumber("ease4", 1.3);
        json.WriteNumber("fuzz", 0.05);
        json.WriteNumber("ivlFct", 1);
        json.WriteNumber("maxIvl", 36500);
        json.WriteNumber("minSpace", 1);
        json.WriteBoolean("bury", true);
        json.WriteEndObject();
        json.WriteEndObject();
        json.WriteEndObject();
    });

    private static void Numbers(Utf8JsonWriter json, string name, params double[] values)
    {
        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteNumberValue(value);
        }

        json.WriteEndArray();
    }

    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream))
        {
            write(json);
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Runs one statement with its parameters (writing a package, and the tests' collections).</summary>
    internal static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }
}
