using DeckLsp.Core.Documents;
using DeckLsp.Core.Identity;
using DeckLsp.Core.Parsing;
using DeckLsp.Core.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DeckLsp.Core.Tests.Identity;

/// <summary>
/// Identity properties: a card no edit touches keeps its key through any sequence of edits elsewhere, and relinking
/// a reordered deck keeps every key.
/// </summary>
public class CardIdentityProperties
{
    // Edits that cannot re-parse the watched card into something else (no fences, HTML or comments; an edit that
    // closes front matter is skipped below), but do add, remove, split and merge the cards around it.
    private static readonly string[] Insertions =
    [
        "", "word ", "\n", "\n\n", "Q: fresh question\nA: fresh answer\n\n", "Q: ", "A: ", "# Heading\n\n", "---\n\n",
        "more prose\n\n", "C: a {{cloze}} card\n\n",
    ];

    public sealed record Edit(int Position, int Removed, string Inserted);

    public sealed record Scenario(int Cards, int Watched, Edit[] Edits)
    {
        public string Deck => string.Concat(Enumerable.Range(0, Cards).Select(i => $"Q: question {i} about topic {i * 7}\nA: answer {i}\n\n"));

        public override string ToString() => $"{Cards} cards, watching {Watched}; edits {string.Join(", ", Edits.Select(e => e.ToString()))}";
    }

    public static Arbitrary<Scenario> Scenarios() =>
        (from cards in Gen.Choose(1, 8)
         from watched in Gen.Choose(0, cards - 1)
         from edits in (from position in Gen.Choose(0, 10_000)
                        from removed in Gen.Frequency((3, Gen.Constant(0)), (2, Gen.Choose(1, 5)), (1, Gen.Choose(6, 60)))
                        from inserted in Gen.Elements(Insertions)
                        select new Edit(position, removed, inserted)).ArrayOf().Select(e => e.Take(10).ToArray())
         select new Scenario(cards, watched, edits)).ToArbitrary();

    [Property(MaxTest = 300, Arbitrary = [typeof(CardIdentityProperties)])]
    public Property Card_untouched_by_every_edit_keeps_its_key(Scenario scenario)
    {
        var (document, keys) = IdentityCheck.Open(scenario.Deck);
        var watchedKey = keys[scenario.Watched];
        var watchedQuestion = Question(document, scenario.Watched);
        var fresh = IdentityCheck.Counter("n");
        var removed = new List<KeyedFingerprint>();
        foreach (var edit in scenario.Edits)
        {
            var watched = document.Deck.Cards[IndexOf(keys, watchedKey)].Span;
            var change = OutsideOf(watched, document.Text.Length, edit);
            if (change is null)
            {
                continue;
            }

            var next = document.Apply(change.Value);
            if (FrontMatterFence.Close(next.Text) is >= 0 and < int.MaxValue)
            {
                // A "---" at the start and another anywhere below make front matter of every card between them, the
                // watched one too; that re-parse is CardTrackingCases' front matter case, not an edit elsewhere.
                continue;
            }

            var result = CardIdentity.Track(new KeyedCards(document.Text, document.Deck.Cards, keys), next.Deck.Cards, next.Text,
                change.Value, fresh, removed);
            removed.AddRange(result.Removed);
            (document, keys) = (next, result.Keys);
            var at = IndexOf(keys, watchedKey);
            if (at < 0 || Question(document, at) != watchedQuestion)
            {
                return false.Label($"after {edit} the watched card lost its key {watchedKey}; keys {string.Join(" ", keys)} in:\n{document.Text}");
            }
        }

        return (keys.Distinct().Count() == keys.Count).Label($"keys repeat: {string.Join(" ", keys)}");
    }

    [Property(MaxTest = 200)]
    public bool Relinking_a_reordered_deck_keeps_every_key(PositiveInt size, int seed)
    {
        var count = 1 + (size.Get % 12);
        var cards = Enumerable.Range(0, count).Select(i => $"Q: question {i} about topic {i * 7}\nA: answer {i}\n\n").ToList();
        var (before, keys) = IdentityCheck.Open(string.Concat(cards));
        var known = CardFingerprint.AllOf(before.Deck, before.Text).Select((print, i) => new KeyedFingerprint(keys[i], print)).ToList();
        var order = Enumerable.Range(0, count).OrderBy(i => new Random(seed + i).Next()).ToList();
        var after = DeckDocument.Parse(string.Concat(order.Select(i => cards[i])));

        var result = CardIdentity.Relink(known, CardFingerprint.AllOf(after.Deck, after.Text), IdentityCheck.Counter("n"));

        return result.Keys.SequenceEqual(order.Select(i => keys[i])) && result.Removed.Count == 0;
    }

    // The edit moved (and clipped) so it stays clear of the watched card: touching its span counts as touching it.
    private static TextChange? OutsideOf(TextSpan watched, int length, Edit edit)
    {
        var start = edit.Position % (length + 1);
        if (start >= watched.Start - 1 && start <= watched.End + 1)
        {
            return null;
        }

        var end = Math.Min(length, start + edit.Removed);
        if (start < watched.Start)
        {
            end = Math.Min(end, watched.Start - 1);
        }

        return new TextChange(TextSpan.FromBounds(start, end), edit.Inserted);
    }

    private static int IndexOf(IReadOnlyList<string> keys, string key) => keys.ToList().IndexOf(key);

    private static string Question(DeckDocument document, int card) =>
        document.Text.Substring(document.Deck.Cards[card].Question.Start, document.Deck.Cards[card].Question.Length);
}
