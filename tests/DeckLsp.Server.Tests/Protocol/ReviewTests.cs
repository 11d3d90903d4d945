using DeckLsp.Server.Reviews;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Tests.History;

namespace DeckLsp.Server.Tests.Protocol;

/// <summary>Study sessions over the protocol, with a real SQLite file behind them (docs/reviews.md).</summary>
public sealed class ReviewTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private async Task<(LspTestClient Client, string Uri, string Text)> OpenSampleAsync()
    {
        var text = await File.ReadAllTextAsync(TestPaths.Sample("rnn.deck.md"));
        var path = _folder.Write("rnn.deck.md", text);
        var client = await LspTestClient.StartInitializedAsync();
        var uri = new Uri(path).AbsoluteUri;
        await client.OpenAsync(uri, text);
        return (client, uri, text);
    }

    private static Task<JsonElement> Start(LspTestClient client, string uri, string scope = "deck", int line = 0, string? mode = null) =>
        client.RequestAsync<JsonElement>(Methods.StartReview, new { uri, scope, line, mode });

    private static Task<JsonElement> Rate(LspTestClient client, JsonElement step, int rating) =>
        client.RequestAsync<JsonElement>(Methods.Rate, new { sessionId = step.GetProperty("sessionId").GetString(), rating, durationMs = 1200 });

    private static string? Front(JsonElement step) =>
        step.GetProperty("card").ValueKind == JsonValueKind.Null ? null : step.GetProperty("card").GetProperty("frontHtml").GetString();

    private static long LogRows(LspTestClient client) => HistoryProbe.DatabaseRatings(client.DatabasePath).Count;

    private static async Task<string[]> LensTitles(LspTestClient client, string uri) =>
        (await client.ResolvedLensesAsync<JsonElement>(uri))
            .Select(l => l.GetProperty("command").GetProperty("title").GetString()!).ToArray();

    // Asks until the answer satisfies the condition, for at most the client's patience.
    private static async Task<JsonElement> Poll(Func<Task<JsonElement>> ask, Func<JsonElement, bool> done, string what)
    {
        var deadline = DateTime.UtcNow + LspTestClient.Patience;
        while (true)
        {
            var answer = await ask();
            if (done(answer))
            {
                return answer;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited for {what}; last answer {answer}");
            }

            await Task.Delay(20);
        }
    }

    [Theory]
    [InlineData(1.5, "durationMs must be a whole number of milliseconds, not 1.5")]
    [InlineData(-1, "durationMs cannot be negative, not -1")]
    [InlineData(5e12, "durationMs 5000000000000 is not a plausible answer time (more than a day)")]
    public async Task A_duration_that_is_not_a_plausible_answer_time_is_InvalidParams_with_a_clear_message(double duration, string message)
    {
        var (client, uri, _) = await OpenSampleAsync();
        await using var _ = client;
        var step = await Start(client, uri);
        var session = step.GetProperty("sessionId").GetString();

        // StreamJsonRpc raises InvalidParams on the client as RemoteMethodNotFoundException, with the code to tell them apart.
        var error = await Assert.ThrowsAsync<StreamJsonRpc.RemoteMethodNotFoundException>(() =>
            client.RequestAsync<JsonElement>(Methods.Rate, new { sessionId = session, rating = 3, durationMs = duration }));

        Assert.Equal(StreamJsonRpc.Protocol.JsonRpcErrorCode.InvalidParams, error.ErrorCode);
        Assert.Equal(message, error.Message);
        Assert.Empty(HistoryProbe.DatabaseRatings(client.DatabasePath));
    }

    [Fact]
    public async Task An_answer_longer_than_a_minute_is_recorded_as_a_minute_as_Anki_does()
    {
        var (client, uri, _) = await OpenSampleAsync();
        await using var _ = client;
        var step = await Start(client, uri);

        await client.RequestAsync<JsonElement>(Methods.Rate, new { sessionId = step.GetProperty("sessionId").GetString(), rating = 3, durationMs = 600_000 });

        Assert.Equal(60_000, Assert.Single(HistoryProbe.DatabaseRatings(client.DatabasePath)).DurationMs);
    }

    [Fact]
    public async Task Studying_the_sample_logs_nine_ratings_and_the_lens_counts_change()
    {
        var (client, uri, _) = await OpenSampleAsync();
        await using var _ = client;
        Assert.Equal("Study deck (9 cards · 0 due · 9 new)", (await LensTitles(client, uri))[0]);

        var step = await Start(client, uri);
        Assert.Equal(9, step.GetProperty("progress").GetProperty("total").GetInt32());
        Assert.Contains("Recurrent Neural Networks (RNNs)", Front(step));
        Assert.Equal(5, step.GetProperty("card").GetProperty("intervals").GetArrayLength());
        var seen = new List<string>();
        while (Front(step) is { } front)
        {
            seen.Add(front);
            step = await Rate(client, step, 5);
        }

        Assert.Equal(9, seen.Distinct().Count());
        var summary = step.GetProperty("summary");
        Assert.Equal(9, summary.GetProperty("reviewed").GetInt32());
        Assert.Equal(9, summary.GetProperty("ratings").GetProperty("5").GetInt32());
        Assert.Equal(9, LogRows(client));
        var titles = await LensTitles(client, uri);
        Assert.Equal("Study deck (9 cards · 0 due · 0 new)", titles[0]);
        Assert.All(titles.Skip(1), t => Assert.StartsWith("Review card · due in ", t));
    }

    [Fact]
    public async Task Cram_shows_every_card_logs_cram_ratings_and_leaves_every_state_as_the_scheduler_left_it()
    {
        var (client, uri, _) = await OpenSampleAsync();
        await using var _ = client;
        var step = await Start(client, uri);
        for (var rating = 1; Front(step) is not null; rating = rating % 5 + 1)
        {
            step = await Rate(client, step, rating == 1 || rating == 2 ? 3 : rating);
        }

        var before = HistoryProbe.Derive(HistoryProbe.DatabaseEvents(client.DatabasePath));
        var lensesBefore = await LensTitles(client, uri);

        step = await Start(client, uri, mode: "cram");
        Assert.Equal(9, step.GetProperty("progress").GetProperty("total").GetInt32());
        Assert.Equal(["again", "again", "done", "done", "done"],
            step.GetProperty("card").GetProperty("intervals").EnumerateArray().Select(e => e.GetString()));
        var first = Front(step);
        step = await Rate(client, step, 1);
        var shown = new List<string?> { first };
        for (var rating = 3; Front(step) is { } front; rating = rating == 5 ? 3 : rating + 1)
        {
            shown.Add(front);
            step = await Rate(client, step, rating);
        }

        Assert.Equal(first, shown[^1]);
        Assert.Equal(10, shown.Count);
        var after = HistoryProbe.Derive(HistoryProbe.DatabaseEvents(client.DatabasePath));
        var crams = after.Cards.SelectMany(c => c.Value.Ratings).Where(r => r.Cram).ToList();
        Assert.Equal(10, crams.Count);
        foreach (var (key, card) in before.Cards)
        {
            Assert.Equal(card.State, after.Card(key).State);
        }

        Assert.Equal(lensesBefore, await LensTitles(client, uri));
    }

    [Fact]
    public async Task A_tag_filter_studies_only_the_cards_carrying_the_tag_or_a_child_of_it()
    {
        const string text = "---\ntags: [deck-wide]\n---\n\nQ: one <!-- tags: exam -->\nA: 1\n\nQ: two <!-- tags: exam/hard -->\nA: 2\n\nQ: three\nA: 3\n";
        var path = _folder.Write("t.deck.md", text);
        var uri = new Uri(path).AbsoluteUri;
        await using var client = await LspTestClient.StartInitializedAsync();
        await client.OpenAsync(uri, text);

        var exam = await client.RequestAsync<JsonElement>(Methods.StartReview, new { uri, scope = "deck", tags = new[] { "Exam" } });
        var deckWide = await client.RequestAsync<JsonElement>(Methods.StartReview, new { uri, scope = "workspace", tags = new[] { "deck-wide" } });
        var none = await client.RequestAsync<JsonElement>(Methods.StartReview, new { uri, scope = "deck", tags = new[] { "other" } });

        Assert.Equal(2, exam.GetProperty("progress").GetProperty("total").GetInt32());
        Assert.Contains("one", Front(exam));
        Assert.Equal(3, deckWide.GetProperty("progress").GetProperty("total").GetInt32());
        Assert.Null(Front(none));
        Assert.Equal(-32602, await LspTestClient.ErrorCodeOf(() =>
            client.RequestAsync<JsonElement>(Methods.StartReview, new { uri, scope = "deck", tags = new[] { "bad tag!" } })));
    }

    [Fact]
    public async Task A_card_rated_again_comes_back_later_in_the_same_session()
    {
        var (client, uri, _) = await OpenSampleAsync();
        await using var _ = client;
        var step = await Start(client, uri);
        var first = Front(step);

        step = await Rate(client, step, 1);
        var fronts = new List<string?>();
        while (Front(step) is { } front)
        {
            fronts.Add(front);
            step = await Rate(client, step, 5);
        }

        Assert.Equal(first, fronts[^1]);
        Assert.Equal(10, LogRows(client));
        var summary = step.GetProperty("summary");
        Assert.Equal(9, summary.GetProperty("reviewed").GetInt32());
        Assert.Equal(10, summary.GetProperty("ratings").EnumerateObject().Sum(r => r.Value.GetInt32()));
    }

    [Fact]
    public async Task A_rating_asks_a_client_that_can_to_refresh_its_lenses()
    {
        var path = _folder.Write("r.deck.md", "Q: a\nA: b\n");
        var uri = new Uri(path).AbsoluteUri;
        await using var client = await LspTestClient.StartInitializedAsync(capabilities: new ClientCapabilities
        {
            Workspace = new WorkspaceClientCapabilities { CodeLens = new RefreshCapability { RefreshSupport = true } },
        });
        await client.OpenAsync(uri, "Q: a\nA: b\n");
        var step = await Start(client, uri);

        await Rate(client, step, 5);

        await LspTestClient.WaitForAsync(() => client.Received(Methods.CodeLensRefresh).Count > 0 ? "asked" : null, "workspace/codeLens/refresh");
        Assert.Single(client.Received(Methods.CountsChanged));
    }

    /// <summary>Renders as Core does, but fails on a card whose text holds the marker: a card that cannot be shown.</summary>
    private sealed class FailingRendering(string marker) : CardRendering
    {
        public override DeckLsp.Core.Rendering.RenderedCard Render(DeckLsp.Core.Model.Card card, string deckText, string? deckPath, DeckLsp.Core.Identity.ReviewKey key) =>
            deckText.Substring(card.Span.Start, card.Span.Length).Contains(marker, StringComparison.Ordinal)
                ? throw new InvalidOperationException("the renderer broke on this card")
                : base.Render(card, deckText, deckPath, key);
    }

    [Fact]
    [Trait("Server", Executable.ServerUnderTest.InProcessOnly)]
    public async Task A_rating_stands_when_the_next_card_cannot_be_shown_and_that_card_reports_its_problem()
    {
        var text = "Q: first\nA: one\n\nQ: BOOM second\nA: two\n\nQ: third\nA: three\n";
        var path = _folder.Write("broken.deck.md", text);
        var uri = new Uri(path).AbsoluteUri;
        await using var client = LspTestClient.Start(configureServices: services =>
            services.AddSingleton<CardRendering>(new FailingRendering("BOOM")));
        await client.InitializeAsync();
        await client.OpenAsync(uri, text);
        var step = await Start(client, uri, mode: "all");

        step = await Rate(client, step, 4);

        // The rating is answered and kept; the card that cannot be shown says why, and the session goes on past it.
        Assert.Equal(1, LogRows(client));
        var card = step.GetProperty("card");
        Assert.Contains("could not be shown", card.GetProperty("problem").GetString());
        Assert.Contains("line 4", card.GetProperty("problem").GetString());
        Assert.Equal("", card.GetProperty("frontHtml").GetString());
        step = await Rate(client, step, 3);
        Assert.Contains("third", Front(step));
        Assert.Equal(2, LogRows(client));
    }

    [Fact]
    public async Task Undo_shows_the_card_again_and_removes_its_rating()
    {
        var (client, uri, _) = await OpenSampleAsync();
        await using var _ = client;
        var step = await Start(client, uri);
        var first = Front(step);
        step = await Rate(client, step, 4);
        Assert.NotEqual(first, Front(step));
        Assert.Equal(1, LogRows(client));

        step = await client.RequestAsync<JsonElement>(Methods.Undo, new { sessionId = step.GetProperty("sessionId").GetString() });

        Assert.Equal(first, Front(step));
        Assert.Equal(0, step.GetProperty("progress").GetProperty("done").GetInt32());
        Assert.Equal(0, LogRows(client));
        Assert.Equal(LspErrorCodes.InvalidRequest, await LspTestClient.ErrorCodeOf(() =>
            client.RequestAsync<JsonElement>(Methods.Undo, new { sessionId = step.GetProperty("sessionId").GetString() })));
    }

    [Fact]
    public async Task Editing_a_reviewed_cards_question_keeps_its_history()
    {
        var (client, uri, text) = await OpenSampleAsync();
        await using var _ = client;
        var step = await Start(client, uri, "card", line: 5);
        Assert.Contains("Recurrent Neural Networks (RNNs)", Front(step));
        await Rate(client, step, 5);

        // "Recurrent" → "Recursive" in the question, as typed in the editor.
        await client.ChangeAsync(uri, 2, new TextDocumentContentChangeEvent
        {
            Range = new DeckLsp.Server.Protocol.Range { Start = new Position { Line = 5, Character = 3 }, End = new Position { Line = 5, Character = 12 } },
            Text = "Recursive",
        });

        var titles = await LensTitles(client, uri);
        Assert.StartsWith("Review card · due in ", titles[1]);
        Assert.All(titles.Skip(2), t => Assert.Equal("Review card · new", t));
        var hover = await client.RequestAsync<JsonElement>(Methods.Hover, new { textDocument = new { uri }, position = new { line = 5, character = 0 } });
        Assert.Contains("last ratings 5", hover.GetProperty("contents").GetProperty("value").GetString());
        Assert.DoesNotContain("Recursive", text);
    }

    [Fact]
    public async Task History_follows_a_card_edited_outside_the_editor_and_a_renamed_file()
    {
        var (client, uri, text) = await OpenSampleAsync();
        await using (client)
        {
            var step = await Start(client, uri, "card", line: 5);
            await Rate(client, step, 5);
            await client.NotifyAsync(Methods.DidClose, new { textDocument = new { uri } });
            await client.ShutdownAndExitAsync();
        }

        // A typo fixed in another tool, then the file renamed in the editor.
        var edited = text.Replace("great for modeling sequence data", "great at modeling sequence data");
        var renamed = _folder.Write("renamed.deck.md", edited);
        File.Delete(Path.Combine(_folder.Path, "rnn.deck.md"));
        await using var again = LspTestClient.Start(new Hosting.ServerOptions { DatabasePath = client.DatabasePath });
        await again.InitializeAsync();
        var newUri = new Uri(renamed).AbsoluteUri;
        await again.NotifyAsync(Methods.DidRenameFiles, new { files = new[] { new { oldUri = uri, newUri } } });
        await again.OpenAsync(newUri, edited);

        var titles = await LensTitles(again, newUri);
        Assert.StartsWith("Review card · due in ", titles[1]);
        Assert.Equal("Study deck (9 cards · 0 due · 8 new)", titles[0]);
    }

    [Fact]
    public async Task Edited_card_on_screen_is_sent_again_with_its_new_text()
    {
        var (client, uri, _) = await OpenSampleAsync();
        await using var _ = client;
        var step = await Start(client, uri, "card", line: 5);

        await client.ChangeAsync(uri, 2, new TextDocumentContentChangeEvent
        {
            Range = new DeckLsp.Server.Protocol.Range { Start = new Position { Line = 5, Character = 3 }, End = new Position { Line = 5, Character = 12 } },
            Text = "Recursive",
        });

        var changed = await LspTestClient.WaitForAsync(() => client.Received(Methods.CardChanged).Cast<JsonElement?>().FirstOrDefault(), "deck/cardChanged");
        Assert.Equal(step.GetProperty("sessionId").GetString(), changed!.Value.GetProperty("sessionId").GetString());
        Assert.Contains("Recursive Neural Networks", changed.Value.GetProperty("card").GetProperty("frontHtml").GetString());
    }

    [Fact]
    public async Task Deleted_card_keeps_its_history_as_an_orphan()
    {
        var (client, uri, text) = await OpenSampleAsync();
        await using var _ = client;
        var step = await Start(client, uri, "card", line: 5);
        await Rate(client, step, 3);

        // Delete the first card (its question and answer paragraphs), then save.
        await client.ChangeAsync(uri, 2, new TextDocumentContentChangeEvent
        {
            Range = new DeckLsp.Server.Protocol.Range { Start = new Position { Line = 5, Character = 0 }, End = new Position { Line = 9, Character = 0 } },
            Text = "",
        });
        await client.NotifyAsync(Methods.DidSave, new { textDocument = new { uri } });

        var orphans = await Poll(() => client.RequestAsync<JsonElement>(Methods.Orphans, new { }),
            result => result.GetProperty("orphans").GetArrayLength() > 0, "an orphan");
        var orphan = orphans.GetProperty("orphans")[0];
        Assert.Equal("Recurrent Neural Networks (RNNs)", orphan.GetProperty("question").GetString());
        Assert.Equal(1, orphan.GetProperty("reviews").GetInt32());
        Assert.Equal(1, LogRows(client));
        Assert.Contains("RNN", text);
    }

    [Fact]
    public async Task Workspace_session_and_due_counts_cover_closed_decks()
    {
        _folder.Write("a.deck.md", "Q: one\nA: 1\n\nQ: two\nA: 2\n");
        _folder.Write("sub/b.deck.md", "C: {{three}} and {{four}}\n");
        await using var client = await LspTestClient.StartInitializedAsync(_folder.Uri);
        var counts = await Poll(() => client.RequestAsync<JsonElement>(Methods.DueCounts, new { }),
            result => result.GetProperty("new").GetInt32() == 4, "four new cards (the index is built in the background)");
        Assert.Equal(0, counts.GetProperty("due").GetInt32());

        var step = await client.RequestAsync<JsonElement>(Methods.StartReview, new { scope = "workspace" });
        Assert.Equal(4, step.GetProperty("progress").GetProperty("total").GetInt32());
        while (Front(step) is not null)
        {
            step = await Rate(client, step, 5);
        }

        Assert.Equal(4, LogRows(client));
        var after = await client.RequestAsync<JsonElement>(Methods.DueCounts, new { });
        Assert.Equal(0, after.GetProperty("new").GetInt32());
    }

    [Fact]
    public async Task Changed_rating_scale_rederives_every_state_from_the_log()
    {
        var (client, uri, text) = await OpenSampleAsync();
        await using (client)
        {
            var step = await Start(client, uri, "card", line: 5);
            await Rate(client, step, 4);
            Assert.Equal("Review card · due in 10m", (await LensTitles(client, uri))[1]);
            await client.ShutdownAndExitAsync();
        }

        // Now 4 means Easy: the same log gives a card that graduated at once.
        await using var again = LspTestClient.Start(new Hosting.ServerOptions { DatabasePath = client.DatabasePath });
        await again.RequestAsync<JsonElement>(Methods.Initialize, new
        {
            capabilities = new { },
            initializationOptions = new { ratingScale = new[] { "again", "hard", "good", "easy", "easy" } },
        });
        await again.NotifyAsync(Methods.Initialized, new { });
        await again.OpenAsync(uri, text);

        var title = (await LensTitles(again, uri))[1];
        Assert.StartsWith("Review card · due in ", title);
        Assert.EndsWith("d", title);
    }

    [Fact]
    public async Task Bad_study_settings_are_reported_and_the_defaults_used()
    {
        await using var client = LspTestClient.Start();
        await client.RequestAsync<JsonElement>(Methods.Initialize, new
        {
            capabilities = new { },
            initializationOptions = new { ratingScale = new[] { "easy", "again" }, newCardsPerDay = -3 },
        });
        await client.NotifyAsync(Methods.Initialized, new { });
        var path = _folder.Write("x.deck.md", "Q: a\nA: b\n");
        await client.OpenAsync(new Uri(path).AbsoluteUri, "Q: a\nA: b\n");

        var messages = await LspTestClient.WaitForAsync(
            () => client.Received(Methods.ShowMessage).Count >= 2 ? client.Received(Methods.ShowMessage) : null, "two messages");
        Assert.Contains(messages, m => m.GetProperty("message").GetString()!.StartsWith("ratingScale:"));
        Assert.Contains(messages, m => m.GetProperty("message").GetString()!.StartsWith("newCardsPerDay"));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public async Task Rating_outside_1_to_5_is_invalid_params(int rating)
    {
        var (client, uri, _) = await OpenSampleAsync();
        await using var _ = client;
        var step = await Start(client, uri);

        Assert.Equal(LspErrorCodes.InvalidParams, await LspTestClient.ErrorCodeOf(() => Rate(client, step, rating)));
        Assert.Equal(0, LogRows(client));
    }

    [Fact]
    public async Task Unknown_session_is_invalid_params_and_the_server_keeps_serving()
    {
        var (client, uri, _) = await OpenSampleAsync();
        await using var _ = client;

        Assert.Equal(LspErrorCodes.InvalidParams, await LspTestClient.ErrorCodeOf(() =>
            client.RequestAsync<JsonElement>(Methods.Rate, new { sessionId = "nope", rating = 3 })));
        Assert.Equal(LspErrorCodes.InvalidParams, await LspTestClient.ErrorCodeOf(() => Start(client, uri, "galaxy")));
        Assert.Equal(LspErrorCodes.InvalidParams, await LspTestClient.ErrorCodeOf(() =>
            client.RequestAsync<JsonElement>(Methods.StartReview, new { uri, scope = "deck", order = "alphabetical" })));
        Assert.NotNull(Front(await client.RequestAsync<JsonElement>(Methods.StartReview, new { uri, scope = "deck", order = "retrievability" })));
        Assert.NotNull(Front(await Start(client, uri)));
    }
}
