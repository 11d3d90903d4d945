using DeckLsp.Core.Scheduling;
using DeckLsp.Server.Storage;

namespace DeckLsp.Server.Tests.Storage;

/// <summary>What is appended is in the file, exactly, with the connection settings that make a commit durable.</summary>
public sealed class ReviewStoreDurabilityTests : IDisposable
{
    private readonly StoreTestKit _kit = new();

    public void Dispose() => _kit.Dispose();

    [Fact]
    public void Appended_review_and_state_are_there_after_reopening_the_file()
    {
        List<ReviewLogEntry> appended;
        using (var store = ReviewStore.Open(_kit.DatabasePath).Store)
        {
            // A local offset and sub-millisecond ticks: both must survive as the same instant.
            var at = new DateTimeOffset(2025, 3, 1, 10, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234567);
            appended =
            [
                StoreTestKit.Rate(store, "card-1", Grade.Good, at),
                StoreTestKit.Rate(store, "card-1", Grade.Hard, at.AddMinutes(10).AddTicks(3)),
            ];
        }

        var reopened = _kit.OpenClean();

        Assert.Equal(appended, reopened.GetLog("card-1"));
        Assert.Equal(appended[^1].After, reopened.GetState("card-1"));
        Assert.True(appended[1].Id > appended[0].Id);
    }

    [Fact]
    public void Store_connection_uses_wal_synchronous_full_and_a_short_busy_timeout()
    {
        var store = _kit.OpenClean();

        Assert.Equal("wal", store.QueryScalar("PRAGMA journal_mode"));
        Assert.Equal(2L, store.QueryScalar("PRAGMA synchronous"));
        Assert.Equal(200L, store.QueryScalar("PRAGMA busy_timeout"));
    }

    [Fact]
    public void Missing_folders_are_created()
    {
        var path = Path.Combine(_kit.Folder, "data", "decklsp", "reviews.db");

        var store = _kit.OpenClean(path);
        StoreTestKit.Rate(store, "card-1", Grade.Good, StoreTestKit.Start);

        Assert.False(store.IsInMemory);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void Unusable_folder_falls_back_to_memory_with_a_warning_naming_the_path()
    {
        // A file where the folder should be: the folder cannot be created, even by root.
        var blocker = Path.Combine(_kit.Folder, "not-a-folder");
        File.WriteAllText(blocker, "");
        var path = Path.Combine(blocker, "reviews.db");

        var (store, warning) = _kit.Open(path);
        StoreTestKit.Rate(store, "card-1", Grade.Good, StoreTestKit.Start);

        Assert.True(store.IsInMemory);
        Assert.Contains(path, warning);
        Assert.Contains("memory", warning);
        Assert.Single(store.GetLog("card-1"));
    }

    [Fact]
    public void Store_that_cannot_create_its_file_falls_back_to_memory()
    {
        // A folder where the database file should be.
        Directory.CreateDirectory(_kit.DatabasePath);

        var (store, warning) = _kit.Open();

        Assert.True(store.IsInMemory);
        Assert.Contains(_kit.DatabasePath, warning);
    }
}
