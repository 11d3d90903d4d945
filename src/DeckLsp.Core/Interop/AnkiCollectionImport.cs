using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DeckLsp.Core.Identity;
using DeckLsp.Core.Model;

namespace DeckLsp.Core.Interop;

/// <summary>One imported review: the deck-local review key (card id, or id#cN), our 1–5 rating, when and how long.</summary>
public sealed record ImportedReview(string ReviewKey, int Rating, DateTimeOffset ReviewedAt, long DurationMs);

/// <summary>What an Anki collection becomes: the deck, the media files to extract (package name → file name), and the history.</summary>
public sealed record PackageImport(ImportedDeck Deck, IReadOnlyDictionary<string, string> Media, IReadOnlyList<ImportedReview> Reviews);

/// <summary>
/// The reviews of the notes a package we exported holds: the decks those notes name, each review with its deck key, the
/// count of notes of other types (not read) and notes for the user.
/// </summary>
public sealed record OurReviews(IReadOnlyList<string> Decks, IReadOnlyList<(string DeckKey, ImportedReview Review)> Reviews, int OtherNotes,
    IReadOnlyList<string> Notes)
{
    /// <summary>
    /// Each exported card's key (by deck key) and what identified it when it was exported, read back from its note: to
    /// find the card again in a deck edited since, when the history never recorded it (a card never rated before).
    /// </summary>
    public IReadOnlyList<(string DeckKey, KeyedFingerprint Card)> Exported { get; init; } = [];
}

/// <summary>
/// Turns an Anki collection (read from a package by the server) into a deck: basic notes into question/answer cards (the
/// fields the card template shows on the front, and those the back adds; see <see cref="AnkiTemplates"/>), cloze
/// notes into cloze cards, subdecks into headings; each card's id comes from its note's GUID, the deck's id from its
/// Anki deck, so history re-imported later lands on the same cards. Revlog rows become our ratings.
/// </summary>
public static partial class AnkiCollectionImport
{
    // Anki's revlog types: 0 learn, 1 review, 2 relearn, 3 filtered, 4 manual, 5 rescheduled.
    private const int Learn = 0;
    private const int Relearn = 2;
    private const int Filtered = 3;
    private const int Manual = 4;

    /// <summary>Anki's buttons (ease 1 Again … 4 Easy) as our raw ratings, which the default scale maps back to the same grades.</summary>
    public static int RatingOf(int ease) => ease switch
    {
        1 => 1,
        2 => 3,
        3 => 4,
        _ => 5,
    };

    // The v1 scheduler showed learning and relearning cards three buttons (Again, Good, Easy); Anki's upgrade to v2
    // moves their ease 2 and 3 up by one, and so do we.
    private static int Ease(AnkiReview row, int scheduler) =>
        scheduler < 2 && row.Type is Learn or Relearn && row.Ease is 2 or 3 ? row.Ease + 1 : row.Ease;

    // One side: the fields it shows, in template order, a paragraph each.
    private static string Side(AnkiNote note, IReadOnlyList<int> fields, Func<string, string> link, ref int kept)
    {
        var parts = new List<string>();
        foreach (var f in fields)
        {
            var converted = AnkiHtml.ToMarkdown(note.Fields.ElementAtOrDefault(f) ?? "", link);
            kept += converted.KeptAsHtmlBecause is null ? 0 : 1;
            if (converted.Markdown.Trim().Length > 0)
            {
                parts.Add(converted.Markdown);
            }
        }

        // A side that starts with a block keeps its leading line break (ImportedCard); the ones after follow a blank line.
        return parts.Count == 0 ? "" : parts[0] + string.Concat(parts.Skip(1).Select(p => "\n\n" + p.TrimStart('\n')));
    }

    public static PackageImport ToDeck(AnkiCollection package, string fallbackTitle, string mediaFolder)
    {
        var notes = new List<string>();
        var media = MediaNames(package.MediaNames);
        string Link(string name) => media.TryGetValue(name, out var file)
            ? mediaFolder + "/" + EscapePath(file)
            : EscapePath(name);

        var cardsByNote = package.Cards.GroupBy(c => c.NoteId).ToDictionary(g => g.Key, g => g.OrderBy(c => c.Ordinal).ToList());
        var read = new List<(ImportedCard Card, string[] Deck, string[] Tags, AnkiNote Note, IReadOnlyList<int> Numbers)>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        int skipped = 0, kept = 0, reversed = 0, flattened = 0, missingMedia = 0;
        var left = new Dictionary<(string Type, string Field), int>();
        foreach (var note in package.Notes)
        {
            var deckId = cardsByNote.TryGetValue(note.Id, out var noteCards) ? noteCards[0].DeckId : 0;
            var deck = package.Decks.TryGetValue(deckId, out var path) ? path : [];
            var tags = note.Tags.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var cloze = package.ClozeNotetypes.GetValueOrDefault(note.NotetypeId) || AnkiCloze.HasDeletion(note.Fields[0]);
            missingMedia += note.Fields.Sum(f => MediaReferences(f).Count(name => !media.ContainsKey(name)));
            ImportedCard? card;
            IReadOnlyList<int> numbers = [];
            if (cloze)
            {
                var text = AnkiCloze.ToDeck(note.Fields[0], Link);
                var extra = AnkiHtml.ToMarkdown(note.Fields.ElementAtOrDefault(1) ?? "", Link);
                kept += (text.KeptAsHtmlBecause is null ? 0 : 1) + (extra.KeptAsHtmlBecause is null ? 0 : 1);
                flattened += text.Flattened ? 1 : 0;
                numbers = text.Numbers;
                card = text.Numbers.Count == 0 ? null : new ImportedCard(CardKind.Cloze, text.Markdown, extra.Markdown.Length == 0 ? null : extra.Markdown);
            }
            else
            {
                var type = package.Notetypes.GetValueOrDefault(note.NotetypeId);
                var (questionFields, answerFields) = AnkiTemplates.Sides(type, note.Fields.Count);
                var question = Side(note, questionFields, Link, ref kept);
                var answer = Side(note, answerFields, Link, ref kept);
                // A note whose cards are its first two templates is "Basic (and reversed card)": card 2 asks the back.
                var reversible = noteCards is { } both && both.Any(c => c.Ordinal == 1) && both.All(c => c.Ordinal is 0 or 1);
                reversed += reversible ? 0 : noteCards?.Count(c => c.Ordinal > 0) ?? 0;
                for (var f = 0; f < note.Fields.Count; f++)
                {
                    // Our own note types' third field is the card's key (see OurKey), not content.
                    if (!questionFields.Contains(f) && !answerFields.Contains(f) && note.Fields[f].Trim().Length > 0
                        && !(f == 2 && AnkiPackageExport.IsOurs(note.NotetypeId)))
                    {
                        var name = type is not null && f < type.Fields.Count ? $"`{type.Fields[f]}`" : $"field {f + 1}";
                        var typeName = type?.Name ?? "";
                        left[(typeName, name)] = left.GetValueOrDefault((typeName, name)) + 1;
                    }
                }

                card = question.Trim().Length == 0 || answer.Trim().Length == 0 ? null
                    : new ImportedCard(reversible ? CardKind.Reversible : CardKind.Basic, question, answer);
            }

            if (card is null)
            {
                skipped++;
                continue;
            }

            // A note we exported names its card in its key field: the id comes back as it was.
            var id = OurKey(note) is { Card: var ours } && CardIds.IsValid(ours) ? ours : AnkiGuids.IdFor(note.Guid, card.Question) ?? note.Guid;
            if (!CardIds.IsValid(id) || !ids.Add(id))
            {
                id = $"anki-note-{note.Id.ToString(CultureInfo.InvariantCulture)}";
                ids.Add(id);
            }

            read.Add((card with { Id = id }, deck, tags, note, numbers));
        }

        if (read.Count == 0)
        {
            throw new InvalidDataException("it holds no note with both a question and an answer (or, for a cloze note, a deletion)");
        }

        if (skipped > 0)
        {
            notes.Add($"{Plural(skipped, "note")} without a question, an answer or a cloze deletion {(skipped == 1 ? "was" : "were")} skipped.");
        }

        if (reversed > 0)
        {
            notes.Add($"{Plural(reversed, "reverse card")} (a note's second template and beyond) {(reversed == 1 ? "was" : "were")} not imported, nor {(reversed == 1 ? "its" : "their")} history: a note becomes one question and answer.");
        }

        if (left.Count > 0)
        {
            var named = left.GroupBy(l => l.Key.Type).Select(g =>
                (g.Key.Length == 0 ? "" : $"note type {g.Key}: ") + string.Join(", ", g.Select(l => $"{l.Key.Field} ({Plural(l.Value, "note")})")));
            notes.Add($"Fields no card template shows were left out ({string.Join("; ", named)}); copy what matters into the cards by hand.");
        }

        if (flattened > 0)
        {
            notes.Add($"{Plural(flattened, "cloze note")} had a deletion inside another: the inner one became plain text.");
        }

        if (kept > 0)
        {
            notes.Add($"{Plural(kept, "field")} held HTML with no Markdown equivalent (a table, audio…) and {(kept == 1 ? "was" : "were")} kept as HTML, which the study panel shows as text.");
        }

        if (missingMedia > 0)
        {
            notes.Add($"{Plural(missingMedia, "media reference")} named a file the package does not hold.");
        }

        var deckNotes = new List<string>(notes);
        var imported = AnkiTextFormat.Assemble(read.Select(r => (r.Card, r.Deck, r.Tags)).ToList(), fallbackTitle, deckNotes);
        var roots = read.Select(r => r.Deck.FirstOrDefault() ?? "").Distinct(StringComparer.Ordinal).ToList();
        var rootDeck = package.Decks.Where(d => d.Value.Length == 1 && roots.Count == 1 && d.Value[0] == roots[0]).Select(d => (long?)d.Key).FirstOrDefault();
        // A package we exported keeps its deck's id, so its reviews land where they came from.
        var ourDecks = read.Select(r => OurKey(r.Note)?.Deck).Distinct(StringComparer.Ordinal).ToList();
        imported = imported with
        {
            Id = ourDecks is [{ } ourDeck] && ourDeck.StartsWith(DeckIdPrefix, StringComparison.Ordinal) && CardIds.IsValid(ourDeck[DeckIdPrefix.Length..])
                ? ourDeck[DeckIdPrefix.Length..]
                : DeckId(rootDeck, read.Select(r => r.Note.Id)),
        };
        return new PackageImport(imported, media, Reviews(package, read.Select(r => (r.Card, r.Note, r.Numbers)).ToList(), deckNotes));
    }

    /// <summary>The review key(s) each Anki card's history goes to, and its reviews as our ratings.</summary>
    private static List<ImportedReview> Reviews(AnkiCollection package, List<(ImportedCard Card, AnkiNote Note, IReadOnlyList<int> Numbers)> read, List<string> notes)
    {
        var byNote = read.ToDictionary(r => r.Note.Id);
        var targets = new Dictionary<long, List<string>>();
        foreach (var card in package.Cards)
        {
            if (!byNote.TryGetValue(card.NoteId, out var note))
            {
                continue;
            }

            var id = note.Card.Id!;
            if (note.Card.Kind == CardKind.Basic)
            {
                if (card.Ordinal == 0)
                {
                    targets[card.Id] = [id];
                }
            }
            else if (note.Card.Kind == CardKind.Reversible)
            {
                targets[card.Id] = [card.Ordinal == 0 ? id : CardKeys.ForReverse(id)];
            }
            else
            {
                // Anki reviews all deletions of one number as one card; each of ours gets that card's history.
                targets[card.Id] = note.Numbers.Select((n, i) => (n, i)).Where(p => p.n == card.Ordinal + 1)
                    .Select(p => CardKeys.ForDeletion(id, p.i + 1)).ToList();
            }
        }

        return Rated(package, targets, notes).Select(r => r.Review).ToList();
    }

    /// <summary>
    /// The reviews of the notes DeckLsp exported (<see cref="AnkiPackageExport"/>'s note types), each under the deck key
    /// and card review key its key field names, whatever the note's text has become: for bringing reviews made in Anki
    /// back to the deck they came from without rewriting it. Notes of other types are counted, not read.
    /// </summary>
    public static OurReviews ReviewsOfOurNotes(AnkiCollection package)
    {
        ArgumentNullException.ThrowIfNull(package);
        var ours = package.Notes.Select(n => (Note: n, Key: OurKey(n))).Where(n => n.Key is not null).ToDictionary(n => n.Note.Id, n => (n.Note, Key: n.Key!.Value));
        var targets = new Dictionary<long, List<string>>();
        foreach (var card in package.Cards)
        {
            if (!ours.TryGetValue(card.NoteId, out var note))
            {
                continue;
            }

            // Our export makes a card per direction and one per deletion, numbered as the deck numbers them.
            var key = note.Key.Card;
            var local = note.Note.NotetypeId == AnkiPackageExport.Cloze.Id ? CardKeys.ForDeletion(key, card.Ordinal + 1)
                : card.Ordinal == 0 ? key
                : note.Note.NotetypeId == AnkiPackageExport.Reversible.Id && card.Ordinal == 1 ? CardKeys.ForReverse(key)
                : null;
            if (local is not null)
            {
                targets[card.Id] = [local];
            }
        }

        var notes = new List<string>();
        var deckOf = package.Cards.Where(c => targets.ContainsKey(c.Id)).ToDictionary(c => c.Id, c => ours[c.NoteId].Key.Deck);
        var rated = Rated(package, targets, notes).Select(r => (deckOf[r.CardId], r.Review)).ToList();
        return new OurReviews(ours.Values.Select(n => n.Key.Deck).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(), rated,
            package.Notes.Count - ours.Count, notes)
        {
            Exported = ours.Values.Select((n, i) => (n.Key.Deck, new KeyedFingerprint(n.Key.Card, ExportedPrint(n.Note, i)))).ToList(),
        };
    }

    // The fingerprint of the card a note of ours was made from, as far as its fields tell (media links aside).
    private static CardFingerprint ExportedPrint(AnkiNote note, int ordinal)
    {
        var field = (int i) => note.Fields.ElementAtOrDefault(i) ?? "";
        var question = note.NotetypeId == AnkiPackageExport.Cloze.Id ? AnkiCloze.ToDeck(field(0)).Markdown : AnkiHtml.ToMarkdown(field(0)).Markdown;
        return new CardFingerprint(null, CardText.Normalize(question), CardText.Normalize(AnkiHtml.ToMarkdown(field(1)).Markdown), ordinal);
    }

    // Each Anki card's rated revlog rows as our ratings, under the review keys given for the card.
    private static List<(long CardId, ImportedReview Review)> Rated(AnkiCollection package, Dictionary<long, List<string>> targets, List<string> notes)
    {
        var reviews = new List<(long, ImportedReview)>();
        var manualSkipped = 0;
        foreach (var history in package.Reviews.GroupBy(r => r.CardId))
        {
            if (!targets.TryGetValue(history.Key, out var keys) || keys.Count == 0)
            {
                continue;
            }

            // "Forget" (a manual entry with no interval) makes the card new again: only what follows it counts.
            var rows = history.OrderBy(r => r.Id).ToList();
            var reset = rows.FindLastIndex(r => r.Type == Manual && r.Ease == 0 && r.Interval == 0);
            foreach (var row in rows.Skip(reset + 1))
            {
                if (row.Ease is < 1 or > 4 || row.Type > Filtered || (row.Type == Filtered && row.Factor == 0))
                {
                    manualSkipped++;
                    continue;
                }

                var at = DateTimeOffset.FromUnixTimeMilliseconds(row.Id);
                foreach (var key in keys)
                {
                    reviews.Add((history.Key, new ImportedReview(key, RatingOf(Ease(row, package.SchedulerVersion)), at, Math.Max(0, row.DurationMs))));
                }
            }
        }

        if (manualSkipped > 0)
        {
            notes.Add($"{Plural(manualSkipped, "revlog entry", "revlog entries")} that rated nothing (manual rescheduling, cramming without rescheduling) {(manualSkipped == 1 ? "was" : "were")} left out of the history.");
        }

        return reviews;
    }

    private const string DeckIdPrefix = "id:";

    /// <summary>
    /// The deck and card keys a note we exported holds in its key field (<see cref="AnkiPackageExport.KeyField"/>,
    /// <c>deck key/card key</c>), or null for any other note.
    /// </summary>
    private static (string Deck, string Card)? OurKey(AnkiNote note)
    {
        if (!AnkiPackageExport.IsOurs(note.NotetypeId) || note.Fields.Count < 3)
        {
            return null;
        }

        var key = note.Fields[2];
        var slash = key.LastIndexOf('/');
        return slash is > 0 && slash < key.Length - 1 ? (key[..slash], key[(slash + 1)..]) : null;
    }

    // The deck's own Anki id keeps it the same deck on every import; a package of several decks is named by its notes.
    private static string DeckId(long? rootDeck, IEnumerable<long> noteIds)
    {
        if (rootDeck is { } id)
        {
            return $"anki-deck-{id.ToString(CultureInfo.InvariantCulture)}";
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(',', noteIds.Order())));
        return "anki-notes-" + Convert.ToHexStringLower(hash)[..16];
    }

    /// <summary>A safe file name for each media name: no folders, no characters a file system refuses, no two alike.</summary>
    private static Dictionary<string, string> MediaNames(IEnumerable<string> names)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var invalid = Path.GetInvalidFileNameChars().Concat(['\\', '/', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        foreach (var name in names.Order(StringComparer.Ordinal))
        {
            var safe = new string(name.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c).ToArray()).Trim().TrimStart('.');
            if (safe.Length == 0)
            {
                safe = "media";
            }

            var candidate = safe;
            for (var n = 2; !taken.Add(candidate); n++)
            {
                candidate = $"{Path.GetFileNameWithoutExtension(safe)}-{n}{Path.GetExtension(safe)}";
            }

            files[name] = candidate;
        }

        return files;
    }

    private static IEnumerable<string> MediaReferences(string html)
    {
        var images = HtmlTokens.Read(html).Where(t => t.Kind == HtmlTokenKind.Open && t.Name == "img").Select(t => t.Attributes.GetValueOrDefault("src", ""));
        var sounds = Sound().Matches(html).Select(m => m.Groups["sound"].Value);
        return images.Concat(sounds).Where(name => name.Length > 0 && !name.Contains(':', StringComparison.Ordinal) && !name.StartsWith('/'));
    }

    // LinkPaths reads a link target as a URL: '%', '#' and '?' must be escaped to stay part of the file name.
    private static string EscapePath(string name) =>
        name.Replace("%", "%25", StringComparison.Ordinal).Replace("#", "%23", StringComparison.Ordinal).Replace("?", "%3F", StringComparison.Ordinal);

    private static string Plural(int n, string noun, string? plural = null) => $"{n} {(n == 1 ? noun : plural ?? noun + "s")}";

    [System.Text.RegularExpressions.GeneratedRegex(@"\[sound:(?<sound>[^\]]+)\]")]
    private static partial System.Text.RegularExpressions.Regex Sound();
}
