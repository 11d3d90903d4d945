using System.Text;
using System.Text.Json;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Tests.Protocol;
using Microsoft.Data.Sqlite;

namespace DeckLsp.Server.Tests.Executable;

/// <summary>
/// The promises of the review history, checked on the real executable: a rating answered is a rating kept, whatever
/// happens to the process after; two editor windows on one database lose nothing and never hang.
/// </summary>
public sealed class DurabilityTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Deck(string name, int cards)
    {
        var text = new StringBuilder();
        for (var i = 0; i < cards; i++)
        {
            text.Append($"Q: {name} question {i}?\n\nA: {name} answer {i}.\n\n");
        }

        return _folder.Write(name + ".deck.md", text.ToString());
    }

    private static (long Rows, string Integrity) Inspect(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        var rows = (long)History.HistoryProbe.DatabaseRatings(database).Count;
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        return (rows, (string)check.ExecuteScalar()!);
    }

    [Fact]
    public async Task Killing_the_server_mid_session_loses_no_acknowledged_rating()
    {
        var database = Path.Combine(_folder.Path, "reviews.db");
        var deck = Deck("kill", 120);
        int acknowledged;
        using (var server = ServerProcess.Start(database))
        {
            var session = await server.OpenAndStartAsync(deck);
            acknowledged = await server.KillDuringRatingsAsync(i => server.RateAsync(session, 2 + (i % 4)), ratings: 120, before: 40);
        }

        var (rows, integrity) = Inspect(database);
        Assert.Equal("ok", integrity);
        Assert.True(rows >= acknowledged, $"{acknowledged} ratings were acknowledged but only {rows} are in the database");
        Assert.True(acknowledged >= 40);
    }

    [Fact]
    public async Task Two_server_processes_rating_into_one_database_lose_nothing()
    {
        var database = Path.Combine(_folder.Path, "shared.db");
        const int Cards = 40;
        using var first = ServerProcess.Start(database);
        using var second = ServerProcess.Start(database);
        var sessions = await Task.WhenAll(first.OpenAndStartAsync(Deck("left", Cards)), second.OpenAndStartAsync(Deck("right", Cards)));

        async Task RateAll(ServerProcess server, string session)
        {
            for (var i = 0; i < Cards; i++)
            {
                await server.RateAsync(session, 5);
            }
        }

        await Task.WhenAll(RateAll(first, sessions[0]), RateAll(second, sessions[1]));

        var (rows, integrity) = Inspect(database);
        Assert.Equal("ok", integrity);
        Assert.Equal(2 * Cards, rows);
    }
}
