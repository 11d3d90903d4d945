using DeckLsp.Core.Scheduling;
using DeckLsp.Server.Storage;

namespace DeckLsp.Server.Tests.Storage;

/// <summary>A database that cannot be used is kept aside, byte for byte, and a fresh one started; the user is told.</summary>
public sealed class ReviewStoreRecoveryTests : IDisposable
{
    private readonly StoreTestKit _kit = new();

    public void Dispose() => _kit.Dispose();

    public static TheoryData<string> UnusableFiles => ["random bytes", "truncated database", "schema from the future"];

    [Theory]
    [MemberData(nameof(UnusableFiles))]
    public void Unusable_database_is_set_aside_and_a_fresh_one_works(string kind)
    {
        var original = Make(kind);

        var (store, warning) = _kit.Open();

        var backup = Assert.Single(Backups());
        Assert.Matches(@"reviews\.db\.corrupt-\d{14}$", backup);
        Assert.Equal(original, File.ReadAllBytes(backup));
        Assert.NotNull(warning);
        Assert.Contains(_kit.DatabasePath, warning);
        Assert.Contains(backup, warning);
        Assert.False(store.IsInMemory);
        var entry = StoreTestKit.Rate(store, "card-1", Grade.Good, StoreTestKit.Start);
        Assert.Equal(entry, Assert.Single(store.GetLog("card-1")));
    }

    [Fact]
    public void Companion_wal_and_shm_files_go_with_the_backup()
    {
        Make("random bytes");
        File.WriteAllText(_kit.DatabasePath + "-wal", "wal bytes");
        File.WriteAllText(_kit.DatabasePath + "-shm", "shm bytes");

        var (_, warning) = _kit.Open();

        var backup = Assert.Single(Backups());
        Assert.Equal("wal bytes", File.ReadAllText(backup + "-wal"));
        Assert.Equal("shm bytes", File.ReadAllText(backup + "-shm"));
        Assert.NotNull(warning);
    }

    [Fact]
    public void Future_schema_warning_says_a_newer_version_wrote_it()
    {
        Make("schema from the future");

        var (_, warning) = _kit.Open();

        Assert.Contains("999", warning);
        Assert.Contains("newer", warning);
    }

    private IEnumerable<string> Backups() =>
        Directory.GetFiles(_kit.Folder, "reviews.db.corrupt-*").Where(f => !f.EndsWith("-wal") && !f.EndsWith("-shm"));

    private byte[] Make(string kind)
    {
        switch (kind)
        {
            case "random bytes":
                var noise = new byte[8192];
                new Random(42).NextBytes(noise);
                File.WriteAllBytes(_kit.DatabasePath, noise);
                break;

            case "truncated database":
                using (var store = ReviewStore.Open(_kit.DatabasePath).Store)
                {
                    // Enough rows for many pages, so that cutting the file loses pages the tables point to.
                    for (var i = 0; i < 300; i++)
                    {
                        StoreTestKit.Rate(store, $"card-{i}", Grade.Good, StoreTestKit.Start);
                    }
                }

                var whole = File.ReadAllBytes(_kit.DatabasePath);
                File.WriteAllBytes(_kit.DatabasePath, whole[..(whole.Length / 2)]);
                break;

            case "schema from the future":
                using (var connection = _kit.RawConnection())
                {
                    StoreTestKit.Scalar(connection, "CREATE TABLE review_log (id INTEGER PRIMARY KEY); PRAGMA user_version = 999");
                }

                break;

            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }

        Assert.False(File.Exists(_kit.DatabasePath + "-wal"));
        return File.ReadAllBytes(_kit.DatabasePath);
    }
}
