using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using DeckLsp.Core.Identity;
using DeckLsp.Core.Model;

namespace DeckLsp.Core.Interop;

/// <summary>
/// Obsidian Spaced Repetition notes: <c>question::answer</c> and <c>question:::answer</c> (both ways) on one line;
/// question lines, a <c>?</c> (or <c>??</c>, both ways) line, answer lines; <c>==highlight==</c> cloze deletions; and
/// after a card, its schedule as <c>&lt;!--SR:!2024-05-01,3,250--&gt;</c> (due date, interval in days, ease; one entry
/// per direction or deletion). Cards are separated by blank lines; headings become sections.
/// </summary>
public static partial class ObsidianSrFormat
{
    /// <summary>Our raw rating for Good, what a scheduled card's starting review is given.</summary>
    private const int Good = 4;

    /// <summary>The deck, and a starting review for each scheduled card (see docs/interop.md).</summary>
    public static (ImportResult Result, IReadOnlyList<ImportedReview> Reviews) Import(string text, string title)
    {
        ArgumentNullException.ThrowIfNull(text);
        var (body, _) = NeighbourText.FrontMatter(text, "---");
        var cards = new List<(ImportedCard Card, string? Schedule)>();
        var section = new List<(int Level, string Title)>();
        var prose = 0;
        foreach (var block in Blocks(body))
        {
            var lines = block.ToList();
            var schedule = ScheduleOf(lines);
            if (lines.Count == 1 && Heading().Match(lines[0]) is { Success: true } heading)
            {
                var level = heading.Groups["hashes"].Length;
                section.RemoveAll(s => s.Level >= level);
                section.Add((level, heading.Groups["title"].Value.Trim()));
                continue;
            }

            var path = section.Select(s => s.Title).ToList();
            var before = cards.Count;
            var separator = lines.FindIndex(l => l.Trim() is "?" or "??");
            if (separator > 0 && separator < lines.Count - 1)
            {
                var question = string.Join('\n', lines[..separator]);
                var answer = string.Join('\n', lines[(separator + 1)..]);
                AddBasic(cards, question, answer, lines[separator].Trim() == "??", path, schedule);
            }
            else if (lines.Any(l => SingleLine().IsMatch(l)))
            {
                foreach (var line in lines)
                {
                    if (SingleLine().Match(line) is { Success: true } card)
                    {
                        AddBasic(cards, card.Groups["q"].Value, card.Groups["a"].Value, card.Groups["sep"].Value == ":::", path,
                            lines.Count == 1 ? schedule : null);
                    }
                }
            }
            else if (Highlight().IsMatch(string.Join('\n', lines)))
            {
                var cloze = Highlight().Replace(string.Join('\n', lines).Replace("{{", "\\{\\{", StringComparison.Ordinal).Replace("}}", "\\}\\}", StringComparison.Ordinal), "{{${text}}}");
                cards.Add((new ImportedCard(CardKind.Cloze, NeighbourText.Side(cloze), null) { Section = path }, schedule));
            }

            prose += cards.Count == before && !lines.All(l => TagLine().IsMatch(l)) ? 1 : 0;
        }

        if (cards.Count == 0)
        {
            return (ImportResult.Failed("it holds no card (`question::answer`, a `?` line between question and answer, or a ==highlight==)"), []);
        }

        var notes = new List<string>();
        if (prose > 0)
        {
            notes.Add($"{NeighbourText.Plural(prose, "paragraph")} of the note that {(prose == 1 ? "is" : "are")} not a card {(prose == 1 ? "was" : "were")} left out.");
        }

        var (withIds, reviews, scheduled) = Schedules(cards);
        if (scheduled > 0)
        {
            notes.Add($"{NeighbourText.Plural(scheduled, "schedule")} (`<!--SR:…-->`) became a Good review on the day its interval began (due date minus interval); FSRS re-derives the next interval from it, so due dates can differ from Obsidian's, and the ease is not kept.");
        }

        var deck = new ImportedDeck(title, withIds)
        {
            Notes = notes,
            // Named by the note's title (its file name), not its text: the schedule comments change as the note is
            // studied in Obsidian, and importing it again must find the same deck.
            Id = reviews.Count > 0 ? "obsidian-" + Hash(title) : null,
        };
        return (ImportResult.Read(deck), reviews);
    }

    /// <summary>Whether the text plainly holds Obsidian SR cards: a schedule comment, a <c>::</c> card line, or a <c>?</c> separator line.</summary>
    public static bool Recognizes(string text) => Schedule().IsMatch(text) || SingleLineAnywhere().IsMatch(text) || SeparatorLine().IsMatch(text);

    // A card studied both ways (`:::`, `??`) is one reversible card; its schedule's second entry is the reverse's.
    private static void AddBasic(List<(ImportedCard, string?)> cards, string question, string answer, bool both, List<string> path, string? schedule)
    {
        var (q, a) = (NeighbourText.Side(question), NeighbourText.Side(answer));
        cards.Add((new ImportedCard(both ? CardKind.Reversible : CardKind.Basic, q, a) { Section = path }, schedule));
    }

    // Each card with a schedule gets an id (reviews are kept under it) and a Good review where its interval began.
    private static (List<ImportedCard> Cards, List<ImportedReview> Reviews, int Scheduled) Schedules(List<(ImportedCard Card, string? Schedule)> cards)
    {
        var result = new List<ImportedCard>();
        var reviews = new List<ImportedReview>();
        var scheduled = 0;
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (card, schedule) in cards)
        {
            var entries = schedule is null ? [] : Entries(schedule).Select(Parse).Where(e => e is not null).Select(e => e!.Value).ToList();
            if (entries.Count == 0)
            {
                result.Add(card);
                continue;
            }

            var id = "osr-" + Hash(card.Question + "\u001f" + card.Answer)[..12];
            for (var n = 2; !ids.Add(id); n++)
            {
                id = $"osr-{Hash(card.Question + "\u001f" + card.Answer)[..12]}-{n}";
            }

            result.Add(card with { Id = id });
            // A basic card has one schedule; a reversible card one per direction; a cloze card one per deletion.
            var keys = card.Kind switch
            {
                CardKind.Basic => [id],
                CardKind.Reversible => [id, CardKeys.ForReverse(id)],
                _ => Enumerable.Range(1, entries.Count).Select(n => CardKeys.ForDeletion(id, n)).ToArray(),
            };
            foreach (var (key, entry) in keys.Zip(entries))
            {
                reviews.Add(new ImportedReview(key, Good, entry.Due.AddDays(-entry.Interval), 0));
                scheduled++;
            }
        }

        return (result, reviews, scheduled);
    }

    // "!2024-05-01,3,250!2024-05-02,1,230" → its entries.
    private static List<string> Entries(string schedule) => schedule.Split('!', StringSplitOptions.RemoveEmptyEntries).Select(e => e.Trim()).ToList();

    private static (DateTimeOffset Due, int Interval)? Parse(string entry)
    {
        var parts = entry.Split(',');
        return parts.Length >= 2
            && DateTime.TryParseExact(parts[0].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var due)
            && int.TryParse(parts[1].Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var interval) && interval is >= 0 and < 100_000
            ? (new DateTimeOffset(due, TimeSpan.Zero), interval)
            : null;
    }

    // The block's schedule comment, taken out of its lines.
    private static string? ScheduleOf(List<string> lines)
    {
        for (var i = lines.Count - 1; i >= 0; i--)
        {
            if (Schedule().Match(lines[i]) is { Success: true } match)
            {
                var rest = lines[i].Remove(match.Index, match.Length).TrimEnd();
                if (rest.Trim().Length == 0)
                {
                    lines.RemoveAt(i);
                }
                else
                {
                    lines[i] = rest;
                }

                return match.Groups["entries"].Value;
            }
        }

        return null;
    }

    // Paragraphs separated by blank lines, outside code fences; a heading is a block of its own.
    private static IEnumerable<List<string>> Blocks(string body)
    {
        var block = new List<string>();
        var fence = false;
        foreach (var line in body.Split('\n'))
        {
            fence ^= line.TrimStart().StartsWith("```", StringComparison.Ordinal);
            if (!fence && (line.Trim().Length == 0 || Heading().IsMatch(line)))
            {
                if (block.Count > 0)
                {
                    yield return block;
                }

                block = [];
                if (line.Trim().Length > 0)
                {
                    yield return [line];
                }

                continue;
            }

            block.Add(line);
        }

        if (block.Count > 0)
        {
            yield return block;
        }
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    [GeneratedRegex(@"^(?<q>.*?\S.*?)(?<sep>:::|::)(?<a>.*\S.*)$")]
    private static partial Regex SingleLine();

    [GeneratedRegex(@"(?m)^[^\n`]*?\S[^\n`]*?:::?[^\n`]*\S[^\n`]*$")]
    private static partial Regex SingleLineAnywhere();

    [GeneratedRegex(@"(?m)^\?\??[ \t]*\r?$")]
    private static partial Regex SeparatorLine();

    [GeneratedRegex(@"<!--SR:(?<entries>(?:![^>]*?))-->")]
    private static partial Regex Schedule();

    [GeneratedRegex(@"==(?<text>[^=\n]+)==")]
    private static partial Regex Highlight();

    [GeneratedRegex(@"^(?<hashes>#{1,6})\s+(?<title>.+)$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"^\s*(#[\w/-]+\s*)+$")]
    private static partial Regex TagLine();
}
