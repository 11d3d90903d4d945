using DeckLsp.Core.Documents;
using DeckLsp.Core.Interop;
using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.Tests.Interop;

/// <summary>Our decks as Anki package rows: note types, cards per direction and deletion, media names, the revlog.</summary>
public sealed class AnkiPackageExportTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 2, 8, 30, 0, TimeSpan.Zero);

    private const string Deck = "---\ntitle: Words\ntags: [german]\n---\n\nR: der Hund <!-- id: hund -->\nA: the dog ![d](img/dog.png)\n\n"
        + "# Cities\n\nC: {{Berlin}} is in {{Germany}} <!-- id: berlin -->\n\nC: nothing hidden\n\nQ: die Katze\nA: the cat\n";

    private static PackageDeck Source(Dictionary<string, IReadOnlyList<ExportedReview>> reviews)
    {
        var document = DeckDocument.Parse(Deck, "words.deck.md");
        return new PackageDeck(document, "id:words", ["hund", "berlin", "~000000000001", "~000000000002"], [null, null, null, null], reviews,
            path => path == "img/dog.png" ? "dog.png" : null);
    }

    private static ExportedReview Review(DateTimeOffset at, Grade grade, CardMemory? before, long durationMs = 3000)
    {
        var after = new CardMemory(CardState.Review, at.AddDays(3), 3.2, 5.1, 3, 0, (before?.Reps ?? 0) + 1, 0, at);
        return new ExportedReview(at, grade, durationMs, before, after);
    }

    [Fact]
    public void Each_card_is_a_note_of_our_type_and_each_direction_or_deletion_a_card()
    {
        var content = AnkiPackageExport.Build([Source([])], At);

        Assert.Equal([AnkiPackageExport.Reversible.Id, AnkiPackageExport.Cloze.Id, AnkiPackageExport.Basic.Id], content.Notes.Select(n => n.NotetypeId));
        Assert.Equal(["hund", "berlin", "dq-"], content.Notes.Select(n => n.Guid.StartsWith("dq-", StringComparison.Ordinal) ? "dq-" : n.Guid));
        Assert.Equal(["der Hund", "the dog <img src=\"dog.png\" alt=\"d\" />", "id:words/hund"], content.Notes[0].Fields);
        Assert.Equal("{{c1::Berlin}} is in {{c2::Germany}}", content.Notes[1].Fields[0]);
        Assert.Equal(" german ", content.Notes[0].Tags);
        Assert.Equal([0, 1, 0, 1, 0], content.Cards.Select(c => c.Ordinal));
        Assert.All(content.Cards, c => Assert.Equal((0, 0), (c.Type, c.Queue)));
        Assert.Equal(["Words", "Words::Cities"], content.Decks.Select(d => d.Name));
        Assert.Equal(["words.deck.md: the cloze card \"nothing hidden\" has no deletion that hides anything and was left out."], content.Messages);
    }

    [Fact]
    public void A_deletion_that_hides_nothing_is_neither_a_cloze_nor_a_card()
    {
        var document = DeckDocument.Parse("C: {{Berlin}} is in {{}}{{Germany}}\n\nC: only {{ }} here\n", "cities.deck.md");
        var deck = new PackageDeck(document, "id:cities", ["berlin", "only"], [null, null], new Dictionary<string, IReadOnlyList<ExportedReview>>(), _ => null);

        var content = AnkiPackageExport.Build([deck], At);

        Assert.Equal("{{c1::Berlin}} is in {{c3::Germany}}", Assert.Single(content.Notes).Fields[0]);
        Assert.Equal([0, 2], content.Cards.Select(c => c.Ordinal));
        Assert.Equal(["cities.deck.md: the cloze card \"only {{ }} here\" has no deletion that hides anything and was left out."], content.Messages);
    }

    [Fact]
    public void The_same_decks_give_the_same_ids_and_guids_in_deck_order()
    {
        var first = AnkiPackageExport.Build([Source([])], At);
        var second = AnkiPackageExport.Build([Source([])], At.AddDays(40));

        Assert.Equal(first.Notes.Select(n => (n.Id, n.Guid)), second.Notes.Select(n => (n.Id, n.Guid)));
        Assert.Equal(first.Cards.Select(c => c.Id), second.Cards.Select(c => c.Id));
        Assert.Equal(first.Notes.Select(n => n.Id).Order(), first.Notes.Select(n => n.Id));
        Assert.Equal(first.Cards.Select(c => c.Id).Order(), first.Cards.Select(c => c.Id));
    }

    [Fact]
    public void Ratings_become_revlog_rows_at_their_times_with_unique_ids_and_the_card_its_last_state()
    {
        var first = Review(At, Grade.Good, null, durationMs: 90_000);
        var reviews = new Dictionary<string, IReadOnlyList<ExportedReview>>
        {
            ["hund"] = [first, Review(At.AddDays(3), Grade.Hard, first.After)],
            // The reverse rated in the very same millisecond: Anki needs distinct revlog ids.
            ["hund#r"] = [Review(At, Grade.Again, null)],
        };

        var content = AnkiPackageExport.Build([Source(reviews)], At.AddDays(4));

        var ms = At.ToUnixTimeMilliseconds();
        Assert.Equal([ms, ms + 1, ms + 3 * 86_400_000], content.Revlog.Select(r => r.Id));
        Assert.Equal([3, 1, 2], content.Revlog.Select(r => r.Ease));
        Assert.Equal([AnkiPackageExport.MaxAnswerMs, 3000, 3000], content.Revlog.Select(r => r.TimeMs));
        Assert.Equal([0, 0, 1], content.Revlog.Select(r => r.Type));
        Assert.Equal([content.Cards[0].Id, content.Cards[1].Id, content.Cards[0].Id], content.Revlog.Select(r => r.CardId));
        var forward = content.Cards[0];
        Assert.Equal((2, 2, 3, 2), (forward.Type, forward.Queue, forward.Interval, forward.Reps));
        Assert.Equal(6, forward.Due); // three days after the second rating, counted from the day of the first
        Assert.Equal(At.ToUnixTimeSeconds() - 8 * 3600 - 30 * 60, content.CreatedSeconds);
    }
}
