using System.Net;
using DeckLsp.Core.Documents;
using DeckLsp.Core.Model;

namespace DeckLsp.Core.Interop;

/// <summary>
/// Anki's "Notes in Plain Text" export: <c>#key:value</c> header lines (<c>#separator:</c>, <c>#html:</c>,
/// <c>#guid column:</c>, <c>#notetype column:</c>, <c>#deck column:</c>, <c>#tags column:</c>…), then a note per record.
/// Basic notes become question/answer cards, cloze notes cloze cards, subdecks headings.
/// </summary>
public static class AnkiTextFormat
{
    private const string DeckSeparator = "::";

    /// <summary>Whether the text opens with Anki's header lines.</summary>
    public static bool Recognizes(string text) =>
        text.TrimStart('\uFEFF').StartsWith("#separator:", StringComparison.OrdinalIgnoreCase)
        || text.TrimStart('\uFEFF').StartsWith("#html:", StringComparison.OrdinalIgnoreCase);

    public static ImportResult Import(string text, string fallbackTitle)
    {
        var lines = text.TrimStart('\uFEFF').ReplaceLineEndings("\n").Split('\n');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var bodyStart = 0;
        while (bodyStart < lines.Length && lines[bodyStart].StartsWith('#') && lines[bodyStart].IndexOf(':') is var colon and > 1)
        {
            headers[lines[bodyStart][1..colon].Trim()] = lines[bodyStart][(colon + 1)..].Trim();
            bodyStart++;
        }

        var body = string.Join('\n', lines.Skip(bodyStart));
        if (!TrySeparator(headers.GetValueOrDefault("separator"), body, out var separator))
        {
            return ImportResult.Failed($"line 1: unknown separator \"{headers["separator"]}\" (Anki writes tab, comma, semicolon, space, pipe or colon)");
        }

        var html = string.Equals(headers.GetValueOrDefault("html"), "true", StringComparison.OrdinalIgnoreCase);
        var guidColumn = Column(headers, "guid column");
        var notetypeColumn = Column(headers, "notetype column");
        var deckColumn = Column(headers, "deck column");
        var tagsColumn = Column(headers, "tags column");
        var special = new[] { guidColumn, notetypeColumn, deckColumn, tagsColumn }.Where(c => c >= 0).ToHashSet();

        var (rows, problem) = Delimited.Read(body, separator, bodyStart + 1);
        if (problem is not null)
        {
            return ImportResult.Failed(problem);
        }

        var notes = new List<string>();
        var read = new List<(ImportedCard Card, string[] Deck, string[] Tags)>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        int kept = 0, skipped = 0, duplicateGuids = 0, extraFields = 0;
        foreach (var row in rows)
        {
            string Value(int column) => column >= 0 && column < row.Fields.Count ? row.Fields[column] : "";
            var fields = row.Fields.Where((_, i) => !special.Contains(i)).ToList();
            var notetype = notetypeColumn >= 0 ? Value(notetypeColumn) : headers.GetValueOrDefault("notetype", "Basic");
            var deck = (deckColumn >= 0 ? Value(deckColumn) : headers.GetValueOrDefault("deck", "")).Split(DeckSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            var tags = $"{headers.GetValueOrDefault("tags", "")} {(tagsColumn >= 0 ? Value(tagsColumn) : "")}".Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var first = Html(fields.ElementAtOrDefault(0) ?? "", html);
            var second = Html(fields.ElementAtOrDefault(1) ?? "", html);
            var cloze = notetype.Contains("cloze", StringComparison.OrdinalIgnoreCase) || AnkiCloze.HasDeletion(first);
            ImportedCard? card;
            if (cloze)
            {
                var clozeText = AnkiCloze.ToDeck(first);
                var extra = AnkiHtml.ToMarkdown(second);
                kept += (clozeText.KeptAsHtmlBecause is null ? 0 : 1) + (extra.KeptAsHtmlBecause is null ? 0 : 1);
                card = clozeText.Numbers.Count == 0 || clozeText.Markdown.Trim().Length == 0 ? null
                    : new ImportedCard(CardKind.Cloze, clozeText.Markdown, extra.Markdown.Length == 0 ? null : extra.Markdown);
            }
            else
            {
                var question = AnkiHtml.ToMarkdown(first);
                var answer = AnkiHtml.ToMarkdown(second);
                kept += (question.KeptAsHtmlBecause is null ? 0 : 1) + (answer.KeptAsHtmlBecause is null ? 0 : 1);
                var more = fields.Skip(2).Select(f => AnkiHtml.ToMarkdown(Html(f, html)).Markdown.Trim()).Where(m => m.Length > 0).ToList();
                extraFields += more.Count > 0 ? 1 : 0;
                var fullAnswer = string.Join("\n\n", new[] { answer.Markdown }.Concat(more.Select(m => m.TrimStart('\n'))).Where(m => m.Length > 0));
                card = question.Markdown.Trim().Length == 0 || fullAnswer.Trim().Length == 0 ? null
                    : new ImportedCard(IsReversed(notetype) ? CardKind.Reversible : CardKind.Basic, question.Markdown, fullAnswer);
            }

            if (card is null)
            {
                skipped++;
                continue;
            }

            if (guidColumn >= 0 && AnkiGuids.IdFor(Value(guidColumn), card.Question) is { } id)
            {
                if (ids.Add(id))
                {
                    card = card with { Id = id };
                }
                else
                {
                    duplicateGuids++;
                }
            }

            read.Add((card, deck, tags));
        }

        if (read.Count == 0)
        {
            return ImportResult.Failed("no note has both a question and an answer (or, for a cloze note, a deletion)");
        }

        if (skipped > 0)
        {
            notes.Add($"{DelimitedFormat.Plural(skipped, "note")} without a question, an answer or a cloze deletion {(skipped == 1 ? "was" : "were")} skipped.");
        }

        if (duplicateGuids > 0)
        {
            notes.Add($"{DelimitedFormat.Plural(duplicateGuids, "note")} repeated a GUID already used: imported without an id.");
        }

        if (extraFields > 0)
        {
            notes.Add($"{DelimitedFormat.Plural(extraFields, "note")} had more than two fields: the others were added to the answer.");
        }

        if (kept > 0)
        {
            notes.Add($"{DelimitedFormat.Plural(kept, "field")} held HTML with no Markdown equivalent (a table, audio…) and {(kept == 1 ? "was" : "were")} kept as HTML, which the study panel shows as text.");
        }

        return ImportResult.Read(Assemble(read, fallbackTitle, notes));
    }

    /// <summary>
    /// Title from the decks the notes share, sections from their subdecks; tags every note has become the deck's, the
    /// others stay on their cards (those that cannot be card tags are left out, named in a note).
    /// </summary>
    public static ImportedDeck Assemble(List<(ImportedCard Card, string[] Deck, string[] Tags)> read, string fallbackTitle, List<string> notes)
    {
        var root = read[0].Deck.Length > 0 && read.All(r => r.Deck.Length > 0 && r.Deck[0] == read[0].Deck[0]) ? read[0].Deck[0] : null;
        var shared = read.Select(r => r.Tags.AsEnumerable()).Aggregate((a, b) => a.Intersect(b, StringComparer.Ordinal)).ToList();
        var leftOut = new SortedSet<string>(StringComparer.Ordinal);
        var sectioned = read.Select(r =>
        {
            var own = r.Tags.Except(shared, StringComparer.Ordinal).ToList();
            leftOut.UnionWith(own.Where(t => !CardTags.IsValid(t)));
            return r.Card with { Section = root is null ? r.Deck : r.Deck[1..], Tags = own.Where(CardTags.IsValid).ToArray() };
        }).ToList();
        if (leftOut.Count > 0)
        {
            notes.Add($"{DelimitedFormat.Plural(leftOut.Count, "tag")} that only some notes had and that cannot be a card tag (letters, digits, `_ - / . :`) {(leftOut.Count == 1 ? "was" : "were")} left out: {string.Join(", ", leftOut.Take(5))}{(leftOut.Count > 5 ? ", …" : "")}.");
        }

        return new ImportedDeck(root ?? fallbackTitle, GroupBySection(sectioned)) { Tags = shared, Notes = notes };
    }

    /// <summary>Cards of one section together, sections in the order they first appear, cards outside any section first.</summary>
    public static List<ImportedCard> GroupBySection(IReadOnlyList<ImportedCard> cards)
    {
        var order = new List<string>();
        var groups = new Dictionary<string, List<ImportedCard>>(StringComparer.Ordinal);
        foreach (var card in cards)
        {
            var key = string.Join('\u001f', card.Section);
            if (!groups.TryGetValue(key, out var group))
            {
                groups[key] = group = [];
                order.Add(key);
            }

            group.Add(card);
        }

        // Sorting by path keeps a subsection after its parent; ties keep the order of first appearance.
        var rank = order.Select((key, i) => (key, i)).ToDictionary(p => p.key, p => p.i, StringComparer.Ordinal);
        return order.OrderBy(k => k.Length == 0 ? 0 : 1).ThenBy(k => k, Comparer<string>.Create((a, b) => ComparePaths(a, b, rank)))
            .SelectMany(k => groups[k]).ToList();
    }

    // Two paths compare by their first differing section, each section ranked by where its path first appeared.
    private static int ComparePaths(string a, string b, Dictionary<string, int> rank)
    {
        var x = a.Split('\u001f');
        var y = b.Split('\u001f');
        for (var i = 0; i < Math.Min(x.Length, y.Length); i++)
        {
            if (x[i] != y[i])
            {
                return FirstRank(x, i, rank).CompareTo(FirstRank(y, i, rank));
            }
        }

        return x.Length.CompareTo(y.Length);
    }

    private static int FirstRank(string[] path, int depth, Dictionary<string, int> rank)
    {
        var prefix = string.Join('\u001f', path[..(depth + 1)]);
        return rank.Where(p => p.Key == prefix || p.Key.StartsWith(prefix + '\u001f', StringComparison.Ordinal)).Min(p => p.Value);
    }

    /// <summary>Anki's stock note type of two cards per note, front → back and back → front: our reversible card.</summary>
    public const string ReversedNotetype = "Basic (and reversed card)";

    /// <summary>
    /// A note type that makes a reverse card: Anki's "Basic (and reversed card)" (and the localized or renamed copies that
    /// keep "reverse" in their name). "Basic (optional reversed card)" makes the reverse only when its third field is
    /// filled, which a text export does not say: it counts as reversed too, and the import's notes do not hide it.
    /// </summary>
    public static bool IsReversed(string notetype) => notetype.Contains("revers", StringComparison.OrdinalIgnoreCase);

    /// <summary>One deck to export, and its cards' keys in the review database when one was given (aligned with the cards).</summary>
    public sealed record Source(DeckDocument Document, IReadOnlyList<string?>? StoredKeys);

    /// <summary>A card's tags as Anki writes a note's: the deck's and the card's own, separated by spaces.</summary>
    public static string AnkiTags(Deck deck, Card card) => string.Join(' ', CardTags.Of(deck, card).Select(t => t.Replace(' ', '_')));

    /// <summary>Anki text export of the decks: a note per card, with a GUID from the card's key (see <see cref="AnkiGuids"/>).</summary>
    public static (string Text, IReadOnlyList<string> Notes) Export(IEnumerable<Source> sources)
    {
        var records = new List<IReadOnlyList<string>>();
        var notes = new List<string>();
        var used = new Dictionary<string, int>(StringComparer.Ordinal);
        var media = new HashSet<string>(StringComparer.Ordinal);
        string Html(string markdown) => markdown.Length == 0 ? "" : AnkiHtml.WithAnkiMedia(AnkiHtml.FromMarkdown(markdown), media);
        foreach (var (document, storedKeys) in sources)
        {
            var deck = document.Deck;
            var text = document.Text;
            for (var i = 0; i < deck.Cards.Count; i++)
            {
                var card = deck.Cards[i];
                var tags = AnkiTags(deck, card);
                var question = text.Substring(card.Question.Start, card.Question.Length);
                var answer = card.Answer is { } span ? text.Substring(span.Start, span.Length) : "";
                var guid = card.Id is { } id ? AnkiGuids.ForId(id) : storedKeys?[i] ?? AnkiGuids.ForQuestion(question);
                used[guid] = used.GetValueOrDefault(guid) + 1;
                if (used[guid] > 1)
                {
                    if (card.Id is not null)
                    {
                        notes.Add($"{document.FileName}: card id `{card.Id}` is also used in another deck exported with it; its GUID gets \"-{used[guid]}\".");
                    }

                    guid = $"{guid}-{used[guid]}";
                }

                if (card.Kind == CardKind.Cloze)
                {
                    if (!card.Deletions.Any(d => d.HidesSomething))
                    {
                        notes.Add($"{document.FileName}: the cloze card \"{card.Title}\" has no deletion that hides anything and was left out.");
                        continue;
                    }

                    var cloze = AnkiHtml.WithAnkiMedia(AnkiCloze.ToAnki(question, card.Deletions, card.Question.Start), media);
                    records.Add([guid, "Cloze", DeckPath(deck, card), cloze, Html(answer), tags]);
                }
                else
                {
                    records.Add([guid, card.Kind == CardKind.Reversible ? ReversedNotetype : "Basic", DeckPath(deck, card),
                        AnkiHtml.WithAnkiMedia(AnkiHtml.FromMarkdown(question), media), Html(answer), tags]);
                }
            }
        }

        if (media.Count > 0)
        {
            notes.Add($"{DelimitedFormat.Plural(media.Count, "media file")} ({string.Join(", ", media.Take(3))}{(media.Count > 3 ? ", …" : "")}) {(media.Count == 1 ? "is" : "are")} named by file name, as Anki finds media: copy {(media.Count == 1 ? "it" : "them")} from the deck's media folder into Anki's collection.media folder, since a text import brings no files.");
        }

        const string Prelude = "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n#tags column:6\n";
        return (Delimited.Write(records, '\t', Prelude), notes);
    }

    internal static string DeckPath(Deck deck, Card card)
    {
        var names = new List<string>();
        for (var at = card.SectionIndex; at >= 0; at = deck.Sections[at].ParentIndex)
        {
            names.Insert(0, Name(deck.Sections[at].Title));
        }

        names.Insert(0, Name(deck.Title));
        return string.Join(DeckSeparator, names);
    }

    // "::" separates Anki's subdecks, so it cannot stand inside a name.
    private static string Name(string title) => title.Replace(DeckSeparator, ":", StringComparison.Ordinal).Trim() is { Length: > 0 } name ? name : "Untitled";

    // A field Anki exported with HTML off is plain text: as HTML, its line breaks are <br>.
    private static string Html(string field, bool html) =>
        html ? field : WebUtility.HtmlEncode(field).ReplaceLineEndings("<br>");

    private static int Column(Dictionary<string, string> headers, string key) =>
        int.TryParse(headers.GetValueOrDefault(key), out var column) && column >= 1 ? column - 1 : -1;

    private static bool TrySeparator(string? name, string body, out char separator)
    {
        separator = (name?.ToLowerInvariant()) switch
        {
            null or "" => Sniff(body),
            "tab" => '\t',
            "comma" => ',',
            "semicolon" => ';',
            "space" => ' ',
            "pipe" => '|',
            "colon" => ':',
            { Length: 1 } literal => literal[0],
            _ => '\0',
        };
        return separator != '\0' && separator < 128;
    }

    private static char Sniff(string body)
    {
        var line = body.Split('\n').FirstOrDefault(l => l.Length > 0) ?? "";
        return line.Contains('\t') ? '\t' : line.Contains(';') ? ';' : ',';
    }
}
