using System.Text.Json;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Tests.History;

namespace DeckLsp.Server.Tests.Protocol;

/// <summary>
/// Studying in editors without a study panel: <c>workspace/executeCommand</c> <c>decklsp.study</c> runs the session
/// through <c>window/showMessageRequest</c> prompts (docs/reviews.md), with this test client playing the user.
/// </summary>
public sealed class MessageStudyTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<(LspTestClient Client, string Uri)> OpenSampleAsync(object? initializationOptions = null)
    {
        var text = await File.ReadAllTextAsync(TestPaths.Sample("rnn.deck.md"));
        var path = _folder.Write("rnn.deck.md", text);
        var client = await LspTestClient.StartInitializedAsync(initializationOptions: initializationOptions);
        var uri = new Uri(path).AbsoluteUri;
        await client.OpenAsync(uri, text);
        return (client, uri);
    }

    private static Task Study(LspTestClient client, string uri, string? mode = null) =>
        client.RequestAsync<JsonElement>(Methods.ExecuteCommand, new
        {
            command = "decklsp.study",
            arguments = new object[] { new { uri, scope = "deck", line = 0, mode } },
        });

    private static string[] Titles(JsonElement prompt) =>
        prompt.GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("title").GetString()!).ToArray();

    private static bool IsQuestion(JsonElement prompt) => Titles(prompt).Any(t => t.Contains("answer", StringComparison.OrdinalIgnoreCase));

    private static Task<string> Summary(LspTestClient client) => LspTestClient.WaitForAsync(
        () => client.Received(Methods.ShowMessage).Select(m => m.GetProperty("message").GetString()).FirstOrDefault(m => m!.StartsWith("Studied", StringComparison.Ordinal)),
        "the session's summary");

    [Fact]
    public async Task The_server_offers_to_run_its_commands_unless_the_client_hosts_the_study_panel()
    {
        await using var plain = LspTestClient.Start();
        await using var panel = LspTestClient.Start();

        var offered = await plain.InitializeAsync();
        var left = await panel.InitializeAsync(initializationOptions: new { studyPanel = true });

        Assert.Equal(["decklsp.study"], offered.Capabilities.ExecuteCommandProvider!.Commands);
        Assert.Null(left.Capabilities.ExecuteCommandProvider);
    }

    [Fact]
    public async Task The_sample_deck_is_studied_through_prompts_and_every_rating_lands_in_the_history()
    {
        var (client, uri) = await OpenSampleAsync();
        await using var _ = client;
        // 5 (Easy) sends a new card straight to review: each card is shown once.
        client.AnswerMessageRequest = prompt => IsQuestion(prompt) ? "Show answer" : Titles(prompt).First(t => t.StartsWith('5'));

        await Study(client, uri);

        var summary = await Summary(client);
        Assert.StartsWith("Studied 9 cards in ", summary);
        Assert.EndsWith(": ratings 5×9.", summary);
        var prompts = client.Received(Methods.ShowMessageRequest);
        Assert.Equal(18, prompts.Count);
        var question = prompts[0];
        Assert.Equal(["Show answer", "Stop"], Titles(question));
        var message = question.GetProperty("message").GetString()!;
        Assert.StartsWith("Card 1 of 9\n\n", message);
        Assert.Contains("Recurrent Neural Networks (RNNs)", message);
        Assert.DoesNotContain("<", message);
        var ratings = Titles(prompts[1]);
        Assert.Equal(6, ratings.Length);
        Assert.Equal("Stop", ratings[^1]);
        for (var r = 1; r <= 5; r++)
        {
            Assert.Matches($"^{r}( Not at all| Perfectly)? · [0-9.]+(m|h|d|mo|y)$", ratings[r - 1]);
        }

        Assert.Contains("— Answer —", prompts[1].GetProperty("message").GetString());
        Assert.Contains("Undo", Titles(prompts[3]));
        var logged = HistoryProbe.DatabaseRatings(client.DatabasePath);
        Assert.Equal(9, logged.Count);
        Assert.All(logged, r => Assert.Equal(5, r.Rating));
        Assert.All(logged, r => Assert.InRange(r.DurationMs, 0, 60_000));
    }

    [Fact]
    public async Task A_dismissed_prompt_ends_the_session_and_the_ratings_already_given_stay()
    {
        var (client, uri) = await OpenSampleAsync();
        await using var _ = client;
        var answers = 0;
        client.AnswerMessageRequest = prompt => IsQuestion(prompt) ? "Show answer" : ++answers <= 2 ? Titles(prompt)[4] : null;

        await Study(client, uri);

        Assert.StartsWith("Studied 2 cards", await Summary(client));
        Assert.Equal(2, HistoryProbe.DatabaseRatings(client.DatabasePath).Count);
        Assert.Equal(6, client.Received(Methods.ShowMessageRequest).Count);

        // The session is over: another can start.
        client.AnswerMessageRequest = _ => "Stop";
        await Study(client, uri);
        await LspTestClient.WaitForAsync(() => client.Received(Methods.ShowMessageRequest).Count == 7 ? "asked" : null, "a new session's first prompt");
    }

    [Fact]
    public async Task Undo_takes_back_the_last_rating_and_shows_that_card_again()
    {
        var (client, uri) = await OpenSampleAsync();
        await using var _ = client;
        var answers = 0;
        client.AnswerMessageRequest = prompt => IsQuestion(prompt) ? "Show answer" : ++answers switch
        {
            1 => Titles(prompt)[0],
            2 => "Undo",
            3 => Titles(prompt)[4],
            _ => "Stop",
        };

        await Study(client, uri);

        Assert.StartsWith("Studied 1 card", await Summary(client));
        var questions = client.Received(Methods.ShowMessageRequest).Where(IsQuestion).Select(p => p.GetProperty("message").GetString()).ToList();
        Assert.Equal(questions[0], questions[2]);
        var logged = Assert.Single(HistoryProbe.DatabaseRatings(client.DatabasePath));
        Assert.Equal(5, logged.Rating);
    }

    [Fact]
    public async Task A_cram_through_prompts_logs_cram_ratings()
    {
        var (client, uri) = await OpenSampleAsync();
        await using var _ = client;
        client.AnswerMessageRequest = prompt => IsQuestion(prompt) ? "Show answer" : Titles(prompt)[4];

        await Study(client, uri, mode: "cram");

        await Summary(client);
        Assert.EndsWith("· done", Titles(client.Received(Methods.ShowMessageRequest)[1])[4]);
        var ratings = HistoryProbe.Derive(HistoryProbe.DatabaseEvents(client.DatabasePath)).Cards.SelectMany(c => c.Value.Ratings).ToList();
        Assert.Equal(9, ratings.Count);
        Assert.All(ratings, r => Assert.True(r.Cram));
    }

    [Fact]
    public async Task Bad_commands_get_error_answers_and_the_server_keeps_serving()
    {
        var (client, uri) = await OpenSampleAsync();
        await using var _ = client;

        Assert.Equal(-32602, await LspTestClient.ErrorCodeOf(() =>
            client.RequestAsync<JsonElement>(Methods.ExecuteCommand, new { command = "decklsp.nope", arguments = Array.Empty<object>() })));
        Assert.Equal(-32602, await LspTestClient.ErrorCodeOf(() =>
            client.RequestAsync<JsonElement>(Methods.ExecuteCommand, new { command = "decklsp.study", arguments = new object[] { 3 } })));
        Assert.Equal(-32602, await LspTestClient.ErrorCodeOf(() =>
            client.RequestAsync<JsonElement>(Methods.ExecuteCommand, new { command = "decklsp.study", arguments = new object[] { new { uri, scope = "deck", line = "x" } } })));
        Assert.Equal(-32602, await LspTestClient.ErrorCodeOf(() => Study(client, uri, mode: "sometimes")));

        Assert.NotEmpty(await client.RequestForDocumentAsync<JsonElement[]>(Methods.CodeLens, uri));
    }
}
