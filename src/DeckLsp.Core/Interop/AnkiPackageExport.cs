using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using DeckLsp.Core.Documents;
using DeckLsp.Core.Identity;
using DeckLsp.Core.Model;
using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.Interop;

/// <summary>One rating in force, as the Anki revlog records it: the grade it was scheduled with and the states around it.</summary>
public sealed record ExportedReview(DateTimeOffset At, Grade Grade, long DurationMs, CardMemory? Before, CardMemory After);

/// <summary>
/// One deck to put in a package: its parse, its key in the history (<c>id:words</c>, <c>p0123456789</c>), its cards'
/// keys (aligned with the cards), the keys the history knows them by for their GUIDs (null when it does not: see
/// <see cref="AnkiGuids"/>), the ratings in force by deck-local review key, and the name each image it shows goes by
/// in the package (null leaves the link as written: the server refuses what lies outside the deck's workspace).
/// </summary>
public sealed record PackageDeck(
    DeckDocument Document,
    string DeckKey,
    IReadOnlyList<string> CardKeys,
    IReadOnlyList<string?> StoredKeys,
    IReadOnlyDictionary<string, IReadOnlyList<ExportedReview>> Reviews,
    Func<string, string?> MediaName);

/// <summary>A note type of ours: Anki's Basic, "Basic (and reversed card)" and Cloze shapes, with a third field for our key.</summary>
public sealed record PackageNotetype(long Id, string Name, bool IsCloze, IReadOnlyList<string> Fields, IReadOnlyList<(string Name, string Question, string Answer)> Templates, string Css);

/// <summary>An Anki deck (a subdeck is a deck named <c>Parent::Child</c>).</summary>
public sealed record AnkiDeckRow(long Id, string Name);

/// <summary>A note row: its fields (HTML) in its note type's order, the sort field and its checksum, its tags.</summary>
public sealed record AnkiNoteRow(long Id, string Guid, long NotetypeId, IReadOnlyList<string> Fields, string SortField, long Checksum, string Tags);

/// <summary>
/// A card row with its scheduling (schema 11): type and queue 0 new, 1 learning, 2 review, 3 relearning; due a position
/// (new), epoch seconds (learning) or days since the collection's creation (review); the FSRS memory for its data.
/// </summary>
public sealed record AnkiCardRow(long Id, long NoteId, long DeckId, int Ordinal, int Type, int Queue, long Due, int Interval, int Factor,
    int Reps, int Lapses, int Left, CardMemory? Memory);

/// <summary>A revlog row: id (epoch ms, unique), card, ease 1–4, interval and last interval (days, or negative seconds), time (ms), type.</summary>
public sealed record AnkiRevlogRow(long Id, long CardId, int Ease, long Interval, long LastInterval, int Factor, long TimeMs, int Type);

/// <summary>What a package holds, ready for the server to write as a collection (schema 11) and zip.</summary>
public sealed record AnkiPackageContent(
    long CreatedSeconds,
    IReadOnlyList<PackageNotetype> Notetypes,
    IReadOnlyList<AnkiDeckRow> Decks,
    IReadOnlyList<AnkiNoteRow> Notes,
    IReadOnlyList<AnkiCardRow> Cards,
    IReadOnlyList<AnkiRevlogRow> Revlog,
    IReadOnlyList<string> Messages);

/// <summary>
/// Our decks as an Anki package's rows (docs/interop.md, "apkg"): a note per card in a note type of our own (basic,
/// reversible, cloze) whose third field holds the card's key, so the package comes back to the same cards; GUIDs by
/// the <see cref="AnkiGuids"/> rule, stable across exports; each review key a card (a direction, a deletion) with its
/// scheduling state and its ratings as revlog rows, whose ids are the ratings' times, which is how an import knows them.
/// </summary>
public static partial class AnkiPackageExport
{
    /// <summary>The name of the field that holds a note's key (<c>deck key/card key</c>); not shown by any template.</summary>
    public const string KeyField = "DeckLsp key";

    /// <summary>What Anki stores as a new card's ease factor after its first answer; FSRS does not use it.</summary>
    private const int DefaultFactor = 2500;

    /// <summary>Anki caps an answer's time at 60 s by default; the optimizer reads longer ones as outliers.</summary>
    public const long MaxAnswerMs = 60_000;

    private const string Css = ".card { font-family: arial; font-size: 20px; text-align: center; color: black; background-color: white; }\n.cloze { font-weight: bold; color: blue; }\n";

    public static PackageNotetype Basic { get; } = new(1_593_005_900_101, "DeckLsp Basic", false, ["Front", "Back", KeyField],
        [("Card 1", "{{Front}}", "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}")], Css);

    public static PackageNotetype Reversible { get; } = new(1_593_005_900_102, "DeckLsp Basic (and reversed card)", false, ["Front", "Back", KeyField],
        [("Card 1", "{{Front}}", "{{FrontSide}}\n\n<hr id=answer>\n\n{{Back}}"), ("Card 2", "{{Back}}", "{{FrontSide}}\n\n<hr id=answer>\n\n{{Front}}")], Css);

    public static PackageNotetype Cloze { get; } = new(1_593_005_900_103, "DeckLsp Cloze", true, ["Text", "Back Extra", KeyField],
        [("Cloze", "{{cloze:Text}}", "{{cloze:Text}}<br>\n{{Back Extra}}")], Css);

    /// <summary>True for a note type this export writes (so an import knows its third field is our key).</summary>
    public static bool IsOurs(long notetypeId) => notetypeId == Basic.Id || notetypeId == Reversible.Id || notetypeId == Cloze.Id;

    public static AnkiPackageContent Build(IReadOnlyList<PackageDeck> decks, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(decks);
        var messages = new List<string>();
        var deckRows = new Dictionary<string, AnkiDeckRow>(StringComparer.Ordinal);
        var notes = new List<AnkiNoteRow>();
        var cards = new List<AnkiCardRow>();
        var pending = new List<(long CardId, ExportedReview Review)>();
        var usedGuids = new Dictionary<string, int>(StringComparer.Ordinal);
        var earliest = decks.SelectMany(d => d.Reviews.Values).SelectMany(r => r).Select(r => r.At).DefaultIfEmpty(now).Min();
        var created = DayStart(earliest < now ? earliest : now);
        var position = 0;
        foreach (var deck in decks)
        {
            var document = deck.Document;
            // Ids in the deck's order (an importer lists notes by id), from a base the deck's key gives: the same on every export.
            var noteBase = StableId("notes\u001f" + deck.DeckKey) / IdBlock * IdBlock;
            var cardBase = StableId("cards\u001f" + deck.DeckKey) / IdBlock * IdBlock;
            var cardIndex = 0;
            for (var i = 0; i < document.Deck.Cards.Count && i < deck.CardKeys.Count; i++)
            {
                var card = document.Deck.Cards[i];
                if (card.Kind == CardKind.Cloze && !card.Deletions.Any(d => d.HidesSomething))
                {
                    messages.Add($"{document.FileName}: the cloze card \"{card.Title}\" has no deletion that hides anything and was left out.");
                    continue;
                }

                var cardKey = deck.CardKeys[i];
                var guid = Guid(document, card, deck.StoredKeys.ElementAtOrDefault(i), usedGuids, messages);
                var deckPath = AnkiTextFormat.DeckPath(document.Deck, card);
                if (!deckRows.TryGetValue(deckPath, out var deckRow))
                {
                    deckRows[deckPath] = deckRow = new AnkiDeckRow(StableId(deck.DeckKey + "\u001f" + deckPath), deckPath);
                }

                var (notetype, fields, reviewKeys) = Fields(document, card, cardKey, deck.MediaName);
                var noteId = noteBase + i;
                var key = deck.DeckKey + "/" + cardKey;
                var sort = SortText(fields[0]);
                var tags = AnkiTextFormat.AnkiTags(document.Deck, card);
                notes.Add(new AnkiNoteRow(noteId, guid, notetype.Id, [.. fields, key], sort, Checksum(sort), tags.Length == 0 ? "" : $" {tags} "));
                for (var k = 0; k < reviewKeys.Count; k++)
                {
                    // A cloze card's ordinal is its number less one (c3 is ordinal 2, even when c2 hides nothing).
                    var ordinal = notetype == Cloze && Identity.CardKeys.Split(reviewKeys[k]).DeletionIndex is { } number ? number - 1 : k;
                    var cardId = cardBase + cardIndex++;
                    var reviews = deck.Reviews.GetValueOrDefault(reviewKeys[k]) ?? [];
                    cards.Add(Scheduled(cardId, noteId, deckRow.Id, ordinal, reviews.Count == 0 ? null : reviews[^1].After, reviews.Count, created, position++));
                    pending.AddRange(reviews.Select(r => (cardId, r)));
                }
            }
        }

        return new AnkiPackageContent(created.ToUnixTimeSeconds(), [Basic, Reversible, Cloze], [.. deckRows.Values], notes, cards, Revlog(pending), messages);
    }

    private static (PackageNotetype Notetype, string[] Fields, IReadOnlyList<string> ReviewKeys) Fields(DeckDocument document, Card card, string cardKey,
        Func<string, string?> mediaName)
    {
        var text = document.Text;
        var links = document.Deck.Links.Where(l => l.IsImage && card.Span.Contains(l.Span.Start)).ToList();
        string Side(Text.TextSpan span) => WithMedia(text, span, links, mediaName);
        var answer = card.Answer is { } a ? AnkiHtml.FromMarkdown(Side(a)) : "";
        switch (card.Kind)
        {
            case CardKind.Cloze:
                // The deletions' offsets stand in the text as written: media names are put in after the cloze is built.
                var cloze = AnkiCloze.ToAnki(text.Substring(card.Question.Start, card.Question.Length), card.Deletions, card.Question.Start);
                foreach (var link in links.Where(l => card.Question.Contains(l.Span.Start)))
                {
                    if (Renamed(text, link, mediaName) is { } renamed)
                    {
                        cloze = cloze.Replace($"src=\"{System.Net.WebUtility.HtmlEncode(link.Path)}\"", $"src=\"{System.Net.WebUtility.HtmlEncode(renamed)}\"", StringComparison.Ordinal);
                    }
                }

                return (Cloze, [cloze, answer], Identity.CardKeys.ReviewKeys(card, cardKey));
            case CardKind.Reversible:
                return (Reversible, [AnkiHtml.FromMarkdown(Side(card.Question)), answer], [cardKey, Identity.CardKeys.ForReverse(cardKey)]);
            default:
                return (Basic, [AnkiHtml.FromMarkdown(Side(card.Question)), answer], [cardKey]);
        }
    }

    // The side's Markdown with each image target that the package holds replaced by its name there.
    private static string WithMedia(string text, Text.TextSpan side, List<LinkTarget> links, Func<string, string?> mediaName)
    {
        var builder = new StringBuilder();
        var at = side.Start;
        foreach (var link in links.Where(l => side.Contains(l.Span.Start) && l.Span.End <= side.End).OrderBy(l => l.Span.Start))
        {
            if (Renamed(text, link, mediaName) is not { } renamed)
            {
                continue;
            }

            builder.Append(text, at, link.Span.Start - at).Append(AnkiHtml.Destination(renamed));
            at = link.Span.End;
        }

        builder.Append(text, at, side.End - at);
        return builder.ToString();
    }

    private static string? Renamed(string text, LinkTarget link, Func<string, string?> mediaName) =>
        Parsing.LinkPaths.TryRelativePath(link.Path, out var path) ? mediaName(path) : null;

    private static string Guid(DeckDocument document, Card card, string? storedKey, Dictionary<string, int> used, List<string> messages)
    {
        var question = document.Text.Substring(card.Question.Start, card.Question.Length);
        var guid = card.Id is { } id ? AnkiGuids.ForId(id) : storedKey ?? AnkiGuids.ForQuestion(question);
        used[guid] = used.GetValueOrDefault(guid) + 1;
        if (used[guid] == 1)
        {
            return guid;
        }

        if (card.Id is not null)
        {
            messages.Add($"{document.FileName}: card id `{card.Id}` is also used in another deck exported with it; its GUID gets \"-{used[guid]}\".");
        }

        return $"{guid}-{used[guid]}";
    }

    private static AnkiCardRow Scheduled(long id, long noteId, long deckId, int ordinal, CardMemory? memory, int reps, DateTimeOffset created, int position)
    {
        if (memory is null || memory.State == CardState.New)
        {
            return new AnkiCardRow(id, noteId, deckId, ordinal, 0, 0, position, 0, 0, 0, 0, 0, null);
        }

        if (memory.State == CardState.Review)
        {
            var due = (long)Math.Floor((memory.Due - created).TotalDays);
            return new AnkiCardRow(id, noteId, deckId, ordinal, 2, 2, due, Math.Max(1, memory.ScheduledDays), DefaultFactor, reps, memory.Lapses, 0, memory);
        }

        // (Re)learning: due as epoch seconds, one step left (Anki counts what remains; FSRS's steps are not Anki's).
        var type = memory.State == CardState.Learning ? 1 : 3;
        return new AnkiCardRow(id, noteId, deckId, ordinal, type, 1, memory.Due.ToUnixTimeSeconds(), memory.ScheduledDays, DefaultFactor, reps, memory.Lapses, 1, memory);
    }

    // Revlog ids are the ratings' times in ms; Anki needs them unique, so a clash moves the later one on by a millisecond.
    private static List<AnkiRevlogRow> Revlog(List<(long CardId, ExportedReview Review)> pending)
    {
        var rows = new List<AnkiRevlogRow>(pending.Count);
        var last = long.MinValue;
        foreach (var (cardId, review) in pending.OrderBy(p => p.Review.At).ThenBy(p => p.CardId))
        {
            var id = Math.Max(review.At.ToUnixTimeMilliseconds(), last + 1);
            last = id;
            var type = review.Before?.State switch
            {
                CardState.Review => 1,
                CardState.Relearning => 2,
                _ => 0,
            };
            rows.Add(new AnkiRevlogRow(id, cardId, (int)review.Grade, Interval(review.After, review.At), Interval(review.Before, review.At), DefaultFactor,
                Math.Clamp(review.DurationMs, 0, MaxAnswerMs), type));
        }

        return rows;
    }

    // Anki's revlog interval: days for a review card, negative seconds for a (re)learning step, 0 for new.
    private static long Interval(CardMemory? memory, DateTimeOffset at) => memory switch
    {
        null or { State: CardState.New } => 0,
        { State: CardState.Review } => Math.Max(1, memory.ScheduledDays),
        _ => -Math.Max(1, (long)(memory.Due - (memory.LastReview ?? at)).TotalSeconds),
    };

    // A deck's notes and cards take consecutive ids within one block (decks of up to a million cards).
    private const long IdBlock = 1_000_000;

    private static DateTimeOffset DayStart(DateTimeOffset at) => new(at.UtcDateTime.Date, TimeSpan.Zero);

    /// <summary>A positive id below 2^53 (JavaScript and JSON readers keep it exact) from a text, the same on every export.</summary>
    private static long StableId(string text) =>
        (long)(BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0) % 9_000_000_000_000) + 1_000_000_000_000;

    // Anki's sort field: the first field's text without tags; its checksum the first 8 hex digits of its SHA-1.
    private static string SortText(string html) => System.Net.WebUtility.HtmlDecode(Tag().Replace(html, "")).Trim();

    private static long Checksum(string sortText) =>
        long.Parse(Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(sortText)))[..8], NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();
}
