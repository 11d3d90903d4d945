using DeckLsp.Core.Scheduling;
using DeckLsp.Server.Storage;

namespace DeckLsp.Server.Tests.Storage;

/// <summary>Ordered migrations, from nothing and from every older version, recorded in <c>PRAGMA user_version</c>.</summary>
public sealed class ReviewSchemaTests : IDisposable
{
    private readonly StoreTestKit _kit = new();

    public void Dispose() => _kit.Dispose();

    [Fact]
    public void Empty_file_is_migrated_to_the_current_version()
    {
        File.WriteAllBytes(_kit.DatabasePath, []);

        var store = _kit.OpenClean();

        Assert.Equal((long)ReviewSchema.CurrentVersion, store.QueryScalar("PRAGMA user_version"));
        Assert.Equal(4L, store.QueryScalar(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('review_log', 'card_states', 'decks', 'cards')"));
    }

    [Fact]
    public void Version_1_database_is_migrated_to_the_current_version_keeping_its_log()
    {
        var review = StoreTestKit.Review("card-1", Grade.Good, StoreTestKit.Start);
        using (var v1 = _kit.RawConnection())
        {
            ReviewSchema.Migrate(v1, 1);
            StoreTestKit.Scalar(v1, $"""
                INSERT INTO review_log (card_key, deck_key, rating, grade, reviewed_utc, duration_ms, before_state, after_state)
                VALUES ('card-1', 'deck-a', 3, 3, '{StoredValues.Time(review.ReviewedAt)}', 4200,
                        '{StoredValues.ToJson(review.Before)}', '{StoredValues.ToJson(review.After)}')
                """);
            Assert.Equal(1L, StoreTestKit.Scalar(v1, "PRAGMA user_version"));
            Assert.Equal(0L, StoreTestKit.Scalar(v1, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'cards'"));
        }

        var store = _kit.OpenClean();
        store.UpsertDeck("deck-a", "/decks/a.deck.md", "A", [new CardRecord("card-1", "q", "a", "Q", "A", 0)], StoreTestKit.Start);

        Assert.Equal((long)ReviewSchema.CurrentVersion, store.QueryScalar("PRAGMA user_version"));
        var row = Assert.Single(store.GetLog("card-1"));
        Assert.Equal(review.After, row.After);
        Assert.Single(store.KnownCards("deck-a"));
    }

    [Fact]
    public void Reopening_a_current_database_runs_no_migration()
    {
        using (var first = ReviewStore.Open(_kit.DatabasePath).Store)
        {
            StoreTestKit.Rate(first, "card-1", Grade.Good, StoreTestKit.Start);
        }

        var store = _kit.OpenClean();

        Assert.Equal((long)ReviewSchema.CurrentVersion, store.QueryScalar("PRAGMA user_version"));
        Assert.Single(store.GetLog("card-1"));
    }
}
