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

    [Fact]
    public async Task Stats_draw_the_calendar_forecast_retention_and_states_of_a_history()
    {
        var deck = Reviews.FixtureRatings.Repository(_folder, "---\nid: words\n---\n\nQ: one\nA: 1\n");
        var csv = File.ReadAllLines(Path.Combine(TestPaths.RepositoryRoot, "tests", "fixtures", "optimizer", "simulated.csv")).Skip(1)
            .Select(l => l.Split(',')).ToList();

        var (code, output, error) = await CliRun.Run("stats", "--json", deck);

        Assert.True(code == 0, error);
        var stats = JsonDocument.Parse(output).RootElement.GetProperty("decks")[0];
        Assert.Equal(3071, stats.GetProperty("calendar").EnumerateArray().Sum(d => d.GetProperty("reviews").GetInt32()));
        Assert.Equal(30, stats.GetProperty("forecast").GetArrayLength());
        // True retention counts the log's reviews of cards in the Review state (review_state 2), passed unless rated Again.
        var retention = stats.GetProperty("retention").EnumerateArray().ToList();
        Assert.Equal(csv.Count(r => r[3] == "2"), retention.Sum(w => w.GetProperty("reviews").GetInt32()));
        Assert.Equal(csv.Count(r => r[3] == "2" && r[2] != "1"), retention.Sum(w => w.GetProperty("passed").GetInt32()));
        Assert.All(retention, w => Assert.Equal(DayOfWeek.Monday, DateOnly.Parse(w.GetProperty("week").GetString()!, System.Globalization.CultureInfo.InvariantCulture).DayOfWeek));
        var states = stats.GetProperty("states");
        Assert.Equal(1, states.GetProperty("new").GetInt32());
        Assert.Equal(300, states.GetProperty("learning").GetInt32() + states.GetProperty("review").GetInt32() + states.GetProperty("relearning").GetInt32());

        var (_, text, _) = await CliRun.Run("stats", deck);

        Assert.Contains("due, next 30 days   ", text);
        Assert.Contains("true retention      ", text);
        Assert.Contains("cards by state      1 new, ", text);
    }

    [Theory]
    [InlineData(new[] { 0, 1, 8 }, "·▁█")]
    [InlineData(new[] { 3, 3 }, "██")]
    [InlineData(new[] { 0, 0 }, "··")]
    public void Sparkline_scales_to_the_largest_value(int[] values, string expected) => Assert.Equal(expected, StatsCommand.Sparkline(values));
}
