using DeckLsp.Core.History;
using DeckLsp.Core.Identity;

namespace DeckLsp.Core.Tests.History;

/// <summary>Which key a deck file has: the same on every machine, kept through a rename, never handed to a newcomer.</summary>
public class DeckPlacementsTests
{
    private static ReviewHistory Build(params HistoryEvent[] events) => ReviewHistory.Build(HistoryEvents.Replay, events);

    [Fact]
    public void A_deck_never_placed_gets_the_key_its_path_gives_on_every_machine()
    {
        var key = ReviewHistory.Empty(HistoryEvents.Replay).Placements.KeyOf("decks/rnn.deck.md");

        Assert.Equal(ContentHash.DeckKeyFor("decks/rnn.deck.md", 0), key);
        Assert.NotEqual(key, ReviewHistory.Empty(HistoryEvents.Replay).Placements.KeyOf("decks/cnn.deck.md"));
        Assert.Matches("^p[0-9a-f]{10}$", key.Value);
    }

    [Fact]
    public void A_renamed_deck_keeps_its_key_at_the_new_path()
    {
        var laptop = new HistoryEvents("laptop");
        var key = ContentHash.DeckKeyFor("old.deck.md", 0);

        var placements = Build(laptop.Place(key, "new/name.deck.md", 1)).Placements;

        Assert.Equal(key, placements.KeyOf("new/name.deck.md"));
        Assert.Equal("new/name.deck.md", placements.PathOf(key));
    }

    [Fact]
    public void A_new_deck_at_a_path_another_deck_left_gets_a_key_of_its_own()
    {
        var laptop = new HistoryEvents("laptop");
        var moved = ContentHash.DeckKeyFor("rnn.deck.md", 0);

        var placements = Build(laptop.Place(moved, "archive/rnn.deck.md", 1)).Placements;

        var newcomer = placements.KeyOf("rnn.deck.md");
        Assert.NotEqual(moved, newcomer);
        Assert.Equal(ContentHash.DeckKeyFor("rnn.deck.md", 1), newcomer);
    }

    [Fact]
    public void Of_two_decks_placed_at_one_path_the_later_placement_holds_it()
    {
        var (laptop, desktop) = (new HistoryEvents("laptop"), new HistoryEvents("desktop"));
        var (first, second) = (new DeckKey("~aaaaaaaaaaaa"), new DeckKey("~bbbbbbbbbbbb"));

        var placements = Build(desktop.Place(second, "x.deck.md", 2), laptop.Place(first, "x.deck.md", 1)).Placements;

        Assert.Equal(second, placements.KeyOf("x.deck.md"));
    }
}
