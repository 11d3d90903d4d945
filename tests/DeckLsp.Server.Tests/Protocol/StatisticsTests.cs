using System.Globalization;
using System.Text.Json;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Tests.History;

namespace DeckLsp.Server.Tests.Protocol;

/// <summary><c>deck/statistics</c> over the protocol, with ratings given through <c>deck/rate</c> into a real SQLite history.</summary>
public sealed class StatisticsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static Task<JsonElement> Statistics(LspTestClient client, string? uri = null) =>
        uri is null ? client.RequestAsync<JsonElement>(Methods.Statistics, new { }) : client.RequestAsync<JsonElement>(Methods.Statistics, new { uri });

    // Easy on each card: a new card goes straight to Review, so a session shows each card once.
    private static async Task<JsonElement> RateEachEasy(LspTestClient client, JsonElement step)
    {
        while (step.GetProperty("card").ValueKind != JsonValueKind.Null)
        {
            step = await client.RequestAsync<JsonElement>(Methods.Rate, new { sessionId = step.GetProperty("sessionId").GetString(), rating = 5 });
        }

        return step;
    }

    private static int Int(JsonElement element, string name) => element.GetProperty(name).GetInt32();

    private static int[] Forecast(JsonElement statistics) => [.. statistics.GetProperty("forecast").EnumerateArray().Select(e => e.GetInt32())];

    private static string LocalToday() => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.Local).DateTime)
        .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task Ratings_given_through_the_protocol_show_in_the_deck_statistics_and_reading_them_writes_nothing()
    {
        var text = await File.ReadAllTextAsync(TestPaths.Sample("rnn.deck.md"));
        var uri = new Uri(_folder.Write("rnn.deck.md", text)).AbsoluteUri;
        await using var client = await LspTestClient.StartInitializedAsync();
        await client.OpenAsync(uri, text);

        var before = await Statistics(client, uri);
        Assert.Equal("deck", before.GetProperty("scope").GetString());
        Assert.Equal("RNN MLM Flashcards", before.GetProperty("title").GetString());
        Assert.Equal((1, 9, 9, 0, 0), (Int(before, "decks"), Int(before, "cards"), Int(before, "new"), Int(before, "reviews"), Int(before, "reviewsToday")));
        Assert.Empty(before.GetProperty("calendar").EnumerateArray());
        Assert.Empty(before.GetProperty("retention").EnumerateArray());
        Assert.Equal(new int[30], Forecast(before));
        Assert.Equal(9, Int(before.GetProperty("states"), "new"));

        // Every card Easy: all nine go to Review, due in some days. Then two of them again now: one forgotten, one recalled.
        var dayBefore = LocalToday();
        await RateEachEasy(client, await client.RequestAsync<JsonElement>(Methods.StartReview, new { uri, scope = "deck" }));
        var again = await client.RequestAsync<JsonElement>(Methods.StartReview, new { uri, scope = "deck", mode = "all" });
        again = await client.RequestAsync<JsonElement>(Methods.Rate, new { sessionId = again.GetProperty("sessionId").GetString(), rating = 1 });
        await client.RequestAsync<JsonElement>(Methods.Rate, new { sessionId = again.GetProperty("sessionId").GetString(), rating = 4 });
        await client.RequestAsync<JsonElement>(Methods.EndReview, new { sessionId = again.GetProperty("sessionId").GetString() });
        var events = HistoryProbe.DatabaseEvents(client.DatabasePath).Count;

        var after = await Statistics(client, uri);

        var today = after.GetProperty("today").GetString();
        Assert.Contains(today, new[] { dayBefore, LocalToday() });
        Assert.Equal((9, 0, 11, 11), (Int(after, "cards"), Int(after, "new"), Int(after, "reviews"), Int(after, "reviewsToday")));
        var day = Assert.Single(after.GetProperty("calendar").EnumerateArray());
        Assert.Equal((today, 11), (day.GetProperty("date").GetString(), Int(day, "reviews")));
        var week = Assert.Single(after.GetProperty("retention").EnumerateArray());
        Assert.Equal((2, 1, 0.5), (Int(week, "reviews"), Int(week, "passed"), week.GetProperty("rate").GetDouble()));
        var monday = DateOnly.ParseExact(today!, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        monday = monday.AddDays(-(((int)monday.DayOfWeek + 6) % 7));
        Assert.Equal(monday.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), week.GetProperty("week").GetString());
        var states = after.GetProperty("states");
        Assert.Equal((0, 0, 8, 1), (Int(states, "new"), Int(states, "learning"), Int(states, "review"), Int(states, "relearning")));
        // The forgotten card relearns today; the eight others fall due within the month.
        Assert.Equal(1, Forecast(after)[0]);
        Assert.Equal(9, Forecast(after).Sum());
        Assert.Equal(events, HistoryProbe.DatabaseEvents(client.DatabasePath).Count);
    }

    [Fact]
    public async Task A_folder_covers_the_decks_under_it_and_no_uri_the_workspace_open_or_closed()
    {
        _folder.Write("a.deck.md", "Q: one\nA: 1\n\nQ: two\nA: 2\n");
        _folder.Write("sub/b.deck.md", "C: {{three}} and {{four}}\n");
        _folder.Write("sub/deeper/c.deck.md", "Q: five\nA: 5\n");
        _folder.Write("subway/d.deck.md", "Q: six\nA: 6\n");
        await using var client = await LspTestClient.StartInitializedAsync(_folder.Uri);
        var sub = new Uri(Path.Combine(_folder.Path, "sub")).AbsoluteUri;

        var folder = await Statistics(client, sub);
        Assert.Equal(("folder", "sub"), (folder.GetProperty("scope").GetString(), folder.GetProperty("title").GetString()));
        Assert.Equal((2, 3, 3), (Int(folder, "decks"), Int(folder, "cards"), Int(folder, "new")));

        var step = await client.RequestAsync<JsonElement>(Methods.StartReview, new { scope = "workspace" });
        await RateEachEasy(client, step);

        var workspace = await Statistics(client);
        Assert.Equal(("workspace", 4, 6, 0, 6), (workspace.GetProperty("scope").GetString(), Int(workspace, "decks"), Int(workspace, "cards"),
            Int(workspace, "new"), Int(workspace, "reviews")));
        Assert.Equal(6, Int(Assert.Single(workspace.GetProperty("calendar").EnumerateArray()), "reviews"));
        Assert.Equal(6, Forecast(workspace).Sum());
        var states = workspace.GetProperty("states");
        Assert.Equal((0, 6), (Int(states, "new"), Int(states, "review")));
        Assert.Equal(3, Int(await Statistics(client, sub), "reviews"));
    }

    [Fact]
    public async Task A_uri_naming_neither_a_deck_nor_a_folder_is_InvalidParams_and_the_server_keeps_serving()
    {
        await using var client = await LspTestClient.StartInitializedAsync(_folder.Uri);
        var missing = new Uri(Path.Combine(_folder.Path, "gone.deck.md")).AbsoluteUri;

        var error = await Assert.ThrowsAsync<StreamJsonRpc.RemoteMethodNotFoundException>(() => Statistics(client, missing));

        Assert.Equal(StreamJsonRpc.Protocol.JsonRpcErrorCode.InvalidParams, error.ErrorCode);
        Assert.Equal($"no deck or folder at {missing}", error.Message);
        Assert.Equal(0, Int(await Statistics(client), "decks"));
    }
}
