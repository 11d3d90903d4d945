using DeckLsp.Core.Scheduling;
using DeckLsp.Server.Storage;

namespace DeckLsp.Server.Tests.Storage;

/// <summary>Decks and cards by key: missing cards become orphans with their history, and can come back.</summary>
public sealed class CardIdentityTests : IDisposable
{
    private static readonly DateTimeOffset T = StoreTestKit.Start;
    private static readonly CardRecord Capital = new("k-capital", "capital of france", "paris", "Capital of France?", "Paris", 0);
    private static readonly CardRecord River = new("k-river", "longest river", "nile", "Longest river?", "Nile", 1);

    private readonly StoreTestKit _kit = new();
    private readonly ReviewStore _store;

    public CardIdentityTests() => _store = _kit.OpenClean();

    public void Dispose() => _kit.Dispose();

    [Fact]
    public void Upserting_a_deck_without_a_card_orphans_it_and_keeps_its_log()
    {
        _store.UpsertDeck("deck-a", "/decks/geo.deck.md", "Geography", [Capital, River], T);
        var review = StoreTestKit.Rate(_store, Capital.CardKey, Grade.Good, T);

        var result = _store.UpsertDeck("deck-a", "/decks/geo.deck.md", "Geography", [River with { Ordinal = 0 }], T.AddHours(1));

        Assert.Equal(["k-capital"], result.Orphaned);
        Assert.Empty(result.Relinked);
        Assert.Equal([review], _store.GetLog(Capital.CardKey));
        Assert.Equal(review.After, _store.GetState(Capital.CardKey));
        Assert.Equal(
            [new OrphanCard("k-capital", "deck-a", "/decks/geo.deck.md", "Capital of France?", "Paris", 1, T)],
            _store.Orphans());
    }

    [Fact]
    public void Upserting_the_deck_again_with_the_card_relinks_it()
    {
        _store.UpsertDeck("deck-a", "/decks/geo.deck.md", "Geography", [Capital, River], T);
        _store.UpsertDeck("deck-a", "/decks/geo.deck.md", "Geography", [River], T.AddHours(1));

        var result = _store.UpsertDeck("deck-a", "/decks/geo.deck.md", "Geography", [Capital, River], T.AddHours(2));

        Assert.Empty(result.Orphaned);
        Assert.Equal(["k-capital"], result.Relinked);
        Assert.Empty(_store.Orphans());
        Assert.Equal(
            [new KnownCard("deck-a", Capital, false, T.AddHours(2)), new KnownCard("deck-a", River, false, T.AddHours(2))],
            _store.KnownCards("deck-a"));
    }

    [Fact]
    public void Known_cards_include_the_decks_orphans_after_its_current_cards()
    {
        _store.UpsertDeck("deck-a", "/decks/geo.deck.md", "Geography", [Capital, River], T);
        _store.UpsertDeck("deck-a", "/decks/geo.deck.md", "Geography", [River with { Ordinal = 0 }], T.AddHours(1));

        Assert.Equal(
            [new KnownCard("deck-a", River with { Ordinal = 0 }, false, T.AddHours(1)), new KnownCard("deck-a", Capital, true, T)],
            _store.KnownCards("deck-a"));
    }

    [Fact]
    public void Card_moved_to_another_deck_is_not_orphaned_by_its_old_deck()
    {
        _store.UpsertDeck("deck-a", "/decks/a.deck.md", "A", [Capital, River], T);
        _store.UpsertDeck("deck-b", "/decks/b.deck.md", "B", [Capital with { Ordinal = 0 }], T.AddHours(1));

        var result = _store.UpsertDeck("deck-a", "/decks/a.deck.md", "A", [River with { Ordinal = 0 }], T.AddHours(2));

        Assert.Empty(result.Orphaned);
        Assert.Empty(_store.Orphans());
        Assert.Equal("deck-b", Assert.Single(_store.KnownCards("deck-b")).DeckKey);
    }

    [Fact]
    public void Relink_puts_an_orphan_into_a_deck_and_keeps_its_history()
    {
        _store.UpsertDeck("deck-a", "/decks/a.deck.md", "A", [Capital], T);
        var review = StoreTestKit.Rate(_store, Capital.CardKey, Grade.Good, T);
        _store.UpsertDeck("deck-a", "/decks/a.deck.md", "A", [], T.AddHours(1));

        Assert.True(_store.Relink(Capital.CardKey, "deck-b", T.AddHours(2)));

        Assert.Empty(_store.Orphans());
        Assert.Equal(new KnownCard("deck-b", Capital, false, T.AddHours(2)), Assert.Single(_store.KnownCards("deck-b")));
        Assert.Equal([review], _store.GetLog(Capital.CardKey));
        Assert.False(_store.Relink("unknown", "deck-b", T));
    }

    [Fact]
    public void Moving_a_deck_changes_its_path_and_keeps_its_cards()
    {
        _store.UpsertDeck("deck-a", "/decks/old.deck.md", "Geography", [Capital], T);

        Assert.True(_store.MoveDeck("deck-a", "/decks/new.deck.md", T.AddHours(1)));

        Assert.Equal(new DeckRecord("deck-a", "/decks/new.deck.md", "Geography", T.AddHours(1)), _store.FindDeck("deck-a"));
        Assert.Equal("deck-a", _store.FindDeckByPath("/decks/new.deck.md")?.DeckKey);
        Assert.Null(_store.FindDeckByPath("/decks/old.deck.md"));
        Assert.Single(_store.KnownCards("deck-a"));
        Assert.False(_store.MoveDeck("unknown", "/x.deck.md", T));
    }

    [Fact]
    public void Orphans_can_be_listed_per_deck()
    {
        _store.UpsertDeck("deck-a", "/decks/a.deck.md", "A", [Capital], T);
        _store.UpsertDeck("deck-b", "/decks/b.deck.md", "B", [River], T);
        _store.UpsertDeck("deck-a", "/decks/a.deck.md", "A", [], T);
        _store.UpsertDeck("deck-b", "/decks/b.deck.md", "B", [], T);

        Assert.Equal(["k-capital", "k-river"], _store.Orphans().Select(o => o.CardKey));
        Assert.Equal(
            [new OrphanCard("k-river", "deck-b", "/decks/b.deck.md", "Longest river?", "Nile", 0, null)],
            _store.Orphans("deck-b"));
        Assert.Equal(2, _store.Decks().Count);
    }
}
