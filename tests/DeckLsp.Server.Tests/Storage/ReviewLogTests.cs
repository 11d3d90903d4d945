using DeckLsp.Core.Scheduling;
using DeckLsp.Server.Storage;

namespace DeckLsp.Server.Tests.Storage;

/// <summary>Undo, replay, and the queries the server makes of the log and the states derived from it.</summary>
public sealed class ReviewLogTests : IDisposable
{
    private static readonly DateTimeOffset T = StoreTestKit.Start;

    private readonly StoreTestKit _kit = new();
    private readonly ReviewStore _store;

    public ReviewLogTests() => _store = _kit.OpenClean();

    public void Dispose() => _kit.Dispose();

    private ReviewLogEntry Rate(string card, Grade grade, DateTimeOffset at, string deck = "deck-a") =>
        StoreTestKit.Rate(_store, card, grade, at, deck);

    [Fact]
    public void Undo_removes_exactly_that_row_and_restores_the_before_state()
    {
        var first = Rate("card-1", Grade.Good, T);
        var other = Rate("card-2", Grade.Easy, T.AddMinutes(1));
        var last = Rate("card-1", Grade.Again, T.AddMinutes(2));

        var result = _store.Undo(last.Id);

        Assert.Equal(new UndoResult(UndoOutcome.Undone, last), result);
        Assert.Equal([first], _store.GetLog("card-1"));
        Assert.Equal([other], _store.GetLog("card-2"));
        Assert.Equal(first.After, _store.GetState("card-1"));
        Assert.Equal(other.After, _store.GetState("card-2"));
    }

    [Fact]
    public void Undo_of_a_cards_only_review_leaves_it_new()
    {
        var only = Rate("card-1", Grade.Good, T);

        Assert.Equal(UndoOutcome.Undone, _store.Undo(only.Id).Outcome);

        Assert.Empty(_store.GetLog("card-1"));
        Assert.Null(_store.GetState("card-1"));
    }

    [Fact]
    public void Undo_of_a_review_followed_by_a_later_one_changes_nothing()
    {
        var first = Rate("card-1", Grade.Good, T);
        var second = Rate("card-1", Grade.Good, T.AddMinutes(10));

        Assert.Equal(new UndoResult(UndoOutcome.LaterReviewExists, null), _store.Undo(first.Id));

        Assert.Equal([first, second], _store.GetLog("card-1"));
        Assert.Equal(second.After, _store.GetState("card-1"));
    }

    [Fact]
    public void Undo_twice_reports_the_row_as_gone()
    {
        var only = Rate("card-1", Grade.Good, T);
        _store.Undo(only.Id);

        Assert.Equal(new UndoResult(UndoOutcome.NotFound, null), _store.Undo(only.Id));
    }

    [Fact]
    public void Id_of_an_undone_row_is_not_reused()
    {
        var undone = Rate("card-1", Grade.Good, T);
        _store.Undo(undone.Id);

        Assert.True(Rate("card-1", Grade.Good, T).Id > undone.Id);
    }

    [Fact]
    public void Rebuild_replays_each_card_from_its_log_oldest_first_and_leaves_the_log_alone()
    {
        Rate("card-1", Grade.Good, T);
        Rate("card-2", Grade.Again, T.AddMinutes(1));
        Rate("card-1", Grade.Hard, T.AddDays(2));
        var logBefore = _store.GetLog("card-1");
        // A changed rating map: the logged raw rating 3 now means Easy.
        var scheduler = new FsrsScheduler(new FsrsOptions());
        static Grade Remapped(int rating) => rating == 3 ? Grade.Easy : (Grade)Math.Min(rating, 4);
        CardMemory Replay(string card, IReadOnlyList<ReviewLogEntry> rows) =>
            rows.Aggregate(CardMemory.New(rows[0].ReviewedAt), (m, r) => scheduler.Next(m, Remapped(r.Rating), r.ReviewedAt));

        var rebuilt = _store.RebuildStates(Replay);

        Assert.Equal(2, rebuilt);
        Assert.Equal(Replay("card-1", logBefore), _store.GetState("card-1"));
        Assert.Equal(Replay("card-2", _store.GetLog("card-2")), _store.GetState("card-2"));
        Assert.NotEqual(logBefore[^1].After, _store.GetState("card-1"));
        Assert.Equal(logBefore, _store.GetLog("card-1"));
    }

    [Fact]
    public void States_for_a_set_of_keys_hold_only_the_reviewed_cards()
    {
        var one = Rate("card-1", Grade.Good, T);
        var two = Rate("card-2", Grade.Easy, T);
        Rate("card-3", Grade.Easy, T);

        var states = _store.GetStates(["card-1", "card-2", "never-reviewed"]);

        Assert.Equal(
            new Dictionary<string, CardMemory> { ["card-1"] = one.After, ["card-2"] = two.After },
            states);
    }

    [Fact]
    public void Log_with_a_limit_is_the_latest_rows_oldest_first()
    {
        var rows = Enumerable.Range(0, 5).Select(i => Rate("card-1", Grade.Good, T.AddDays(i))).ToList();

        Assert.Equal(rows[3..], _store.GetLog("card-1", limit: 2));
    }

    [Fact]
    public void Counts_per_deck_split_all_reviews_today_and_new_cards_today()
    {
        var today = T.Date;
        Rate("old", Grade.Good, today.AddDays(-1));
        Rate("old", Grade.Good, today.AddHours(9));
        Rate("fresh", Grade.Again, today.AddHours(10));
        Rate("fresh", Grade.Good, today.AddHours(10).AddMinutes(1));
        Rate("other", Grade.Good, today.AddHours(11), deck: "deck-b");
        Rate("tomorrow", Grade.Good, today.AddDays(1), deck: "deck-b");

        var counts = _store.CountReviews(today, today.AddDays(1));

        Assert.Equal(
            [new DeckReviewCounts("deck-a", 4, 3, 1), new DeckReviewCounts("deck-b", 2, 1, 1)],
            counts);
        Assert.Equal(new DeckReviewCounts("deck-b", 2, 1, 1), _store.CountReviews("deck-b", today, today.AddDays(1)));
        Assert.Equal(new DeckReviewCounts("deck-z", 0, 0, 0), _store.CountReviews("deck-z", today, today.AddDays(1)));
    }

    [Fact]
    public void Append_rejects_a_rating_outside_1_to_5()
    {
        var review = StoreTestKit.Review("card-1", Grade.Good, T) with { Rating = 6 };

        Assert.Throws<ArgumentOutOfRangeException>(() => _store.Append(review));
        Assert.Empty(_store.GetLog("card-1"));
    }
}
