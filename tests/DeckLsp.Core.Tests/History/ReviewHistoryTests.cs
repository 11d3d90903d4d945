using DeckLsp.Core.History;
using DeckLsp.Core.Identity;

namespace DeckLsp.Core.Tests.History;

/// <summary>Deriving state from the events of several devices: order, undo, cram, duplicates, moved keys.</summary>
public class ReviewHistoryTests
{
    private static ReviewHistory Build(params HistoryEvent[] events) => ReviewHistory.Build(HistoryEvents.Replay, events);

    [Fact]
    public void Ratings_from_two_devices_are_replayed_in_time_order()
    {
        var (laptop, desktop) = (new HistoryEvents("laptop"), new HistoryEvents("desktop"));
        var first = laptop.Rate("~a", 3, 0);
        var second = desktop.Rate("~a", 1, 30);
        var third = laptop.Rate("~a", 4, 60);

        var history = Build(third, first, second);

        var card = history.Card(HistoryEvents.Key("~a"));
        Assert.Equal([first, second, third], card.Ratings);
        Assert.Equal(HistoryEvents.Scheduled(HistoryEvents.Key("~a"), [first, second, third]), card.State);
        Assert.Equal(first.At, card.FirstReview);
    }

    [Fact]
    public void An_undone_rating_no_longer_counts()
    {
        var laptop = new HistoryEvents("laptop");
        var kept = laptop.Rate("~a", 4, 0);
        var undone = laptop.Rate("~a", 1, 24);

        var history = Build(kept, undone, laptop.Undo(undone, 24.01));

        var card = history.Card(HistoryEvents.Key("~a"));
        Assert.Equal([kept], card.Ratings);
        Assert.Equal(HistoryEvents.Scheduled(HistoryEvents.Key("~a"), [kept]), card.State);
    }

    [Fact]
    public void Undoing_the_only_rating_makes_the_card_new_again()
    {
        var laptop = new HistoryEvents("laptop");
        var only = laptop.Rate("~a", 4, 0);

        var card = Build(only, laptop.Undo(only, 0.1)).Card(HistoryEvents.Key("~a"));

        Assert.Null(card.State);
        Assert.Null(card.FirstReview);
        Assert.Empty(card.Ratings);
    }

    [Fact]
    public void A_cram_rating_is_kept_but_leaves_the_schedule_alone()
    {
        var laptop = new HistoryEvents("laptop");
        var real = laptop.Rate("~a", 4, 0);
        var cram = laptop.Rate("~a", 1, 1, cram: true);

        var card = Build(real, cram).Card(HistoryEvents.Key("~a"));

        Assert.Equal([real, cram], card.Ratings);
        Assert.Equal(HistoryEvents.Scheduled(HistoryEvents.Key("~a"), [real]), card.State);
    }

    [Fact]
    public void Cramming_a_new_card_does_not_introduce_it()
    {
        var laptop = new HistoryEvents("laptop");
        var history = Build(laptop.Rate("~a", 3, 0, cram: true));

        Assert.Null(history.Card(HistoryEvents.Key("~a")).State);
        Assert.Equal(0, history.IntroducedSince(HistoryEvents.Deck, HistoryEvents.Start));
    }

    [Fact]
    public void Taking_in_the_same_events_again_changes_nothing()
    {
        var laptop = new HistoryEvents("laptop");
        var events = new HistoryEvent[] { laptop.Rate("~a", 3, 0), laptop.Rate("~b", 4, 1), laptop.Rate("~a", 2, 2) };
        var history = Build(events);

        var again = history.With(events);

        Assert.True(again.IsEmpty);
        Assert.Same(history, again.History);
        Assert.Equal(3, history.EventCount);
        Assert.Equal(3, history.LastSequence("laptop"));
    }

    [Fact]
    public void Only_the_cards_new_ratings_touch_are_reported_changed()
    {
        var laptop = new HistoryEvents("laptop");
        var history = Build(laptop.Rate("~a", 3, 0), laptop.Rate("~b", 4, 1));

        var update = history.With([laptop.Rate("~b", 2, 30)]);

        Assert.Equal([HistoryEvents.Key("~b")], update.Cards);
        Assert.Same(history.Card(HistoryEvents.Key("~a")), update.History.Card(HistoryEvents.Key("~a")));
    }

    [Fact]
    public void A_moved_key_brings_its_ratings_and_later_ones_logged_under_the_old_key()
    {
        var (laptop, desktop) = (new HistoryEvents("laptop"), new HistoryEvents("desktop"));
        var before = laptop.Rate("~a", 3, 0);
        var deletion = new RatingEvent(new("laptop", 99), HistoryEvents.Start.AddHours(0.5), HistoryEvents.Key("~a", 2), 4, 1000);
        var move = laptop.Move("~a", "bptt", 1);
        // The desktop had not pulled the move yet when it rated the card under its old key.
        var stale = desktop.Rate("~a", 4, 48);

        var history = Build(before, deletion, move, stale);

        var moved = history.Card(HistoryEvents.Key("bptt"));
        Assert.Equal([before, stale], moved.Ratings);
        Assert.Equal(HistoryEvents.Scheduled(HistoryEvents.Key("bptt"), [before, stale]), moved.State);
        Assert.Equal([deletion], history.Card(HistoryEvents.Key("bptt", 2)).Ratings);
        Assert.Empty(history.Card(HistoryEvents.Key("~a")).Ratings);
        Assert.Equal(new CardKey("bptt"), history.Resolve(HistoryEvents.Deck, new CardKey("~a")));
        Assert.DoesNotContain(new CardKey("~a"), history.IdentityOf(HistoryEvents.Deck).RatedCards);
    }

    [Fact]
    public void Moves_that_form_a_cycle_stop_where_it_closes()
    {
        var laptop = new HistoryEvents("laptop");
        var history = Build(laptop.Rate("~a", 3, 0), laptop.Move("~a", "x", 1), laptop.Move("x", "~a", 2));

        var resolved = history.Resolve(HistoryEvents.Deck, new CardKey("~a"));

        Assert.Single(history.Cards, pair => pair.Value.Ratings.Count == 1);
        Assert.Contains(resolved.Value, new[] { "~a", "x" });
    }

    [Fact]
    public void The_latest_card_seen_event_says_what_a_key_identifies()
    {
        var (laptop, desktop) = (new HistoryEvents("laptop"), new HistoryEvents("desktop"));
        var older = laptop.Seen("~a", "what is x", "y", 0);
        var newer = desktop.Seen("~a", "what is x now", "y", 5);

        var identity = Build(newer, older).IdentityOf(HistoryEvents.Deck);

        Assert.Equal(newer, identity.Seen[new CardKey("~a")]);
    }

    [Fact]
    public void A_state_kept_from_an_earlier_derivation_is_used_only_while_its_ratings_are_the_same()
    {
        var laptop = new HistoryEvents("laptop");
        var first = laptop.Rate("~a", 3, 0);
        var second = laptop.Rate("~a", 4, 30);
        var marker = Core.Scheduling.CardMemory.New(HistoryEvents.Start.AddYears(5));
        var kept = new Dictionary<ReviewKey, ReviewHistory.KeptState>
        {
            [HistoryEvents.Key("~a")] = new(marker, ReviewHistory.DigestOf([first, second])),
        };

        Assert.Same(marker, ReviewHistory.Build(HistoryEvents.Replay, [first, second], kept).Card(HistoryEvents.Key("~a")).State);
        Assert.NotSame(marker, ReviewHistory.Build(HistoryEvents.Replay, [first], kept).Card(HistoryEvents.Key("~a")).State);
    }
}
