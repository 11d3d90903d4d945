using DeckLsp.Core.Reviews;
using DeckLsp.Core.Scheduling;

namespace DeckLsp.Core.Tests.Reviews;

/// <summary>Session order (Anki's: learning, reviews, new up to the daily limit), cramming, one card, and what comes back after a rating.</summary>
public class ReviewQueueTests
{
    private static readonly DateTimeOffset Now = SessionCards.Now;

    public static TheoryData<string, string, SessionMode, int, string> Plans => new()
    {
        {
            "due learning, then due reviews, then new cards in deck order",
            "new:n1 review:r1@-1d learn:l1@-5m new:n2 review:r2@-3d relearn:l2@-20m", SessionMode.Due, 0,
            "l2 l1 r2 r1 n1 n2"
        },
        {
            "cards not yet due are left out",
            "review:r1@+1h review:r2@-1m learn:l1@+1d", SessionMode.Due, 0,
            "r2"
        },
        {
            "a card due exactly now is due",
            "review:r1@0m", SessionMode.Due, 0,
            "r1"
        },
        {
            "reviews due at the same time keep deck order",
            "review:b@-1d review:a@-1d", SessionMode.Due, 0,
            "b a"
        },
        {
            "new cards stop at the daily limit",
            "new:a new:b new:c new:d", SessionMode.Due, 18,
            "a b"
        },
        {
            "new cards already introduced today can use up the limit",
            "new:a new:b review:r@-1d", SessionMode.Due, 20,
            "r"
        },
        {
            "more introduced than the limit takes no new card and is no error",
            "new:a", SessionMode.Due, 25,
            ""
        },
        {
            "all: every card in deck order, due or not, past the limit",
            "review:r1@+30d new:a learn:l@+5m new:b review:r2@-1d", SessionMode.All, 40,
            "r1 a l b r2"
        },
        {
            "cram: every card in deck order, due or not, past the limit",
            "review:r1@+30d new:a learn:l@+5m new:b review:r2@-1d", SessionMode.Cram, 40,
            "r1 a l b r2"
        },
    };

    [Theory]
    [MemberData(nameof(Plans))]
    public void Session_plans_cards_in_order(string name, string cards, SessionMode mode, int introducedToday, string expected)
    {
        var queue = ReviewQueue.Plan(SessionCards.Parse(cards), Now, mode, introducedToday, new SessionOptions { NewCardsPerDay = 20 });

        Assert.True(expected == string.Join(" ", queue.Pending.Select(c => c.Key)), $"{name}: got {string.Join(" ", queue.Pending.Select(c => c.Key))}");
    }

    [Fact]
    public void Crammed_card_rated_again_comes_back_at_the_end_and_one_rated_otherwise_is_done()
    {
        var queue = ReviewQueue.Plan(SessionCards.Parse("review:a@+3d new:b review:c@+1d"), Now, SessionMode.Cram);

        queue = queue.Crammed("a", again: true);
        Assert.Equal("b c a", string.Join(" ", queue.Pending.Select(c => c.Key)));
        queue = queue.Crammed("b", again: false);
        Assert.Equal("c a", string.Join(" ", queue.Pending.Select(c => c.Key)));
        Assert.Empty(queue.Learning);
        Assert.Equal("c", queue.Next(Now));
    }

    [Fact]
    public void Cram_labels_follow_the_rating_scale()
    {
        var replay = new ReviewReplay(new FsrsScheduler(new FsrsOptions()), RatingScale.Default);

        Assert.Equal(["again", "again", "done", "done", "done"], replay.CramLabels());
    }

    [Fact]
    public void Single_card_is_studied_even_when_not_due()
    {
        var queue = ReviewQueue.Plan(SessionCards.Parse("review:a@-1d review:b@+30d new:c"), Now, SessionMode.Single, singleKey: "b");

        Assert.Equal(["b"], queue.Pending.Select(c => c.Key));
        Assert.Equal("b", queue.Next(Now));
    }

    [Fact]
    public void Learning_card_not_yet_due_waits_and_comes_when_due()
    {
        var queue = ReviewQueue.Plan(SessionCards.Parse("learn:l@+30m review:r1@-1d review:r2@-1d"), Now, SessionMode.Due);

        Assert.Equal([new LearningCard("l", Now.AddMinutes(30))], queue.Learning);
        Assert.Equal("r1", queue.Next(Now));
        Assert.Equal("l", queue.Next(Now.AddMinutes(30)));
    }

    [Fact]
    public void Card_rated_again_comes_back_once_its_step_is_due()
    {
        var replay = new ReviewReplay(new FsrsScheduler(new FsrsOptions()), RatingScale.Default);
        var queue = ReviewQueue.Plan(SessionCards.Parse("new:a new:b new:c"), Now, SessionMode.Due);

        var again = replay.Apply("a", null, 1, Now);
        queue = queue.Rated("a", again);

        Assert.Equal(Now.AddMinutes(1), again.Due);
        Assert.Equal("b", queue.Next(Now.AddSeconds(30)));
        Assert.Equal("a", queue.Next(Now.AddMinutes(1)));
        Assert.Equal(3, queue.Count);
    }

    [Fact]
    public void Learning_card_due_within_the_learn_ahead_limit_is_offered_when_nothing_else_is_left()
    {
        var replay = new ReviewReplay(new FsrsScheduler(new FsrsOptions()), RatingScale.Default);
        var queue = ReviewQueue.Plan(SessionCards.Parse("new:a"), Now, SessionMode.Due);

        var good = replay.Apply("a", null, 4, Now);
        queue = queue.Rated("a", good);

        Assert.Equal(Now.AddMinutes(10), good.Due);
        Assert.Equal("a", queue.Next(Now));
        Assert.Null(queue.WaitUntil(Now));
    }

    [Fact]
    public void Learning_card_beyond_the_learn_ahead_limit_ends_the_session_for_now()
    {
        var queue = ReviewQueue.Plan(SessionCards.Parse("learn:l@+45m"), Now, SessionMode.Due);

        Assert.Null(queue.Next(Now));
        Assert.Equal(Now.AddMinutes(45), queue.WaitUntil(Now));
        Assert.Equal("l", queue.Next(Now.AddMinutes(25)));
        Assert.False(queue.IsEmpty);
    }

    [Fact]
    public void Learn_ahead_limit_is_configurable()
    {
        var queue = ReviewQueue.Plan(SessionCards.Parse("learn:l@+45m"), Now, SessionMode.Due,
            options: new SessionOptions { LearnAheadLimit = TimeSpan.FromHours(1) });

        Assert.Equal("l", queue.Next(Now));
    }

    [Fact]
    public void Card_that_graduates_leaves_the_session()
    {
        var replay = new ReviewReplay(new FsrsScheduler(new FsrsOptions()), RatingScale.Default);
        var queue = ReviewQueue.Plan(SessionCards.Parse("new:a"), Now, SessionMode.Due);

        queue = queue.Rated("a", replay.Apply("a", null, 5, Now));

        Assert.True(queue.IsEmpty);
        Assert.Null(queue.Next(Now));
        Assert.Null(queue.WaitUntil(Now));
    }

    [Fact]
    public void Learning_cards_due_at_the_same_time_come_back_in_the_order_they_were_rated()
    {
        var step = new CardMemory(CardState.Learning, Now.AddMinutes(1), 1, 5, 0, 0, 1, 0, Now);
        var queue = ReviewQueue.Plan(SessionCards.Parse("new:a new:b"), Now, SessionMode.Due);

        queue = queue.Rated("b", step).Rated("a", step);

        Assert.Equal(["b", "a"], queue.Learning.Select(l => l.Key));
    }

    [Fact]
    public void Cramming_a_card_rated_again_still_brings_it_back()
    {
        var replay = new ReviewReplay(new FsrsScheduler(new FsrsOptions()), RatingScale.Default);
        var review = SessionCards.Parse("review:r@+20d")[0];
        var queue = ReviewQueue.Plan([review], Now, SessionMode.All);

        var lapsed = replay.Apply("r", review.Memory, 1, Now);
        queue = queue.Rated("r", lapsed);

        Assert.Equal(CardState.Relearning, lapsed.State);
        Assert.Equal(new LearningCard("r", lapsed.Due), Assert.Single(queue.Learning));
        Assert.Equal("r", queue.Next(lapsed.Due));
    }

    public static TheoryData<string, string, int, int, DeckCounts> Counts => new()
    {
        { "empty deck", "", 0, 20, new DeckCounts(0, 0, 0) },
        { "due learning and reviews count, future ones do not", "learn:a@-1m review:b@-1d review:c@+1d relearn:d@+5m", 0, 20, new DeckCounts(4, 2, 0) },
        { "new cards up to the limit", "new:a new:b new:c review:r@-1h", 0, 2, new DeckCounts(4, 1, 2) },
        { "new cards less those introduced today", "new:a new:b new:c", 19, 20, new DeckCounts(3, 0, 1) },
        { "limit used up", "new:a new:b", 30, 20, new DeckCounts(2, 0, 0) },
    };

    [Theory]
    [MemberData(nameof(Counts))]
    public void Deck_counts_total_due_and_new_available_today(string name, string cards, int introducedToday, int limit, DeckCounts expected)
    {
        var counts = DeckCounts.Of(SessionCards.Parse(cards).Select(c => c.Memory), Now, introducedToday, new SessionOptions { NewCardsPerDay = limit });

        Assert.True(expected == counts, $"{name}: got {counts}");
    }

    [Fact]
    public void Counts_agree_with_a_due_session_plan()
    {
        var cards = SessionCards.Parse("new:a learn:b@-1m review:c@-2d review:d@+2d new:e relearn:f@-3m new:g");

        var counts = DeckCounts.Of(cards.Select(c => c.Memory), Now, 1, new SessionOptions { NewCardsPerDay = 3 });
        var queue = ReviewQueue.Plan(cards, Now, SessionMode.Due, 1, new SessionOptions { NewCardsPerDay = 3 });

        Assert.Equal(counts.Due + counts.New, queue.Pending.Count);
    }
}
