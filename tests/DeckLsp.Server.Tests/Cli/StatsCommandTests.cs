using System.Text.Json;
using DeckLsp.Server.Cli;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Tests.Protocol;

namespace DeckLsp.Server.Tests.Cli;

/// <summary>`decklsp stats`: what is due and what was reviewed, read from the database the server wrote.</summary>
public sealed class StatsCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Stats_count_the_reviews_a_session_logged()
    {
        var path = _folder.Write("rnn.deck.md", await File.ReadAllTextAsync(TestPaths.Sample("rnn.deck.md")));
        var uri = new Uri(path).AbsoluteUri;
        string database;
        await using (var client = await LspTestClient.StartInitializedAsync())
        {
            database = client.DatabasePath;
            await client.OpenAsync(uri, await File.ReadAllTextAsync(path));
            var step = await client.RequestAsync<JsonElement>(Methods.StartReview, new { uri, scope = "deck" });
            for (var i = 0; i < 3; i++)
            {
                step = await client.RequestAsync<JsonElement>(Methods.Rate, new { sessionId = step.GetProperty("sessionId").GetString(), rating = 5 });
            }

            await client.NotifyAsync(Methods.DidClose, new { textDocument = new { uri } });
            await client.ShutdownAndExitAsync();
        }

        var (code, output, _) = await CliRun.Run("stats", "--db", database, "--json", path);

        Assert.Equal(0, code);
        var deck = JsonDocument.Parse(output).RootElement.GetProperty("decks")[0];
        Assert.Equal("RNN MLM Flashcards", deck.GetProperty("title").GetString());
        Assert.Equal(9, deck.GetProperty("cards").GetInt32());
        Assert.Equal(6, deck.GetProperty("new").GetInt32());
        Assert.Equal(0, deck.GetProperty("due").GetInt32());
        Assert.Equal(3, deck.GetProperty("reviews").GetInt32());
        Assert.Equal(3, deck.GetProperty("reviewsToday").GetInt32());
    }

    [Fact]
    public async Task Stats_without_a_database_show_every_card_new_and_create_nothing()
    {
        var path = _folder.Write("c.deck.md", "C: {{one}} and {{two}}\n\nQ: three\nA: 3\n");
        var database = Path.Combine(_folder.Path, "none", "reviews.db");

        var (code, output, _) = await CliRun.Run("stats", "--db", database, path);

        Assert.Equal(0, code);
        var row = output.Split('\n')[1];
        Assert.Equal([path, "3", "3", "0", "0", "0"], row.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.False(File.Exists(database));
    }

    [Fact]
    public async Task Stats_of_a_missing_path_is_a_usage_error()
    {
        var (code, _, error) = await CliRun.Run("stats", Path.Combine(_folder.Path, "nope.deck.md"));

        Assert.Equal(2, code);
        Assert.Contains("no such file or folder", error);
    }
}
