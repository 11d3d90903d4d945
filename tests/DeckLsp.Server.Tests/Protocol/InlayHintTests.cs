using System.Text.Json;
using DeckLsp.Server.Protocol;

namespace DeckLsp.Server.Tests.Protocol;

/// <summary>Due dates inline: <c>textDocument/inlayHint</c> at the end of each question line, refreshed after ratings.</summary>
public sealed class InlayHintTests : IDisposable
{
    private const string Deck = "# T\n\nQ: first\nA: 1\n\nQ: second <!-- id: s -->\nA: 2\n\nC: the {{third}} and {{fourth}}\n";

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static Task<JsonElement[]> Hints(LspTestClient client, string uri, int first = 0, int last = 100) =>
        client.RequestAsync<JsonElement[]>(Methods.InlayHint, new
        {
            textDocument = new { uri },
            range = new { start = new { line = first, character = 0 }, end = new { line = last, character = 0 } },
        });

    private static string Describe(JsonElement hint) =>
        $"{hint.GetProperty("position").GetProperty("line").GetInt32()}:{hint.GetProperty("position").GetProperty("character").GetInt32()} {hint.GetProperty("label").GetString()}";

    [Fact]
    public async Task Every_card_says_when_it_is_due_at_the_end_of_its_question_line_and_a_rating_changes_it()
    {
        var path = _folder.Write("d.deck.md", Deck);
        var uri = new Uri(path).AbsoluteUri;
        await using var client = await LspTestClient.StartInitializedAsync(capabilities: new ClientCapabilities
        {
            Workspace = new WorkspaceClientCapabilities { InlayHint = new RefreshCapability { RefreshSupport = true } },
        });
        await client.OpenAsync(uri, Deck);

        Assert.Equal(["2:8 new", "5:24 new", "8:31 new"], (await Hints(client, uri)).Select(Describe));
        Assert.Equal(["5:24 new"], (await Hints(client, uri, 4, 6)).Select(Describe));

        var step = await client.RequestAsync<JsonElement>(Methods.StartReview, new { uri, scope = "card", line = 5 });
        await client.RequestAsync<JsonElement>(Methods.Rate, new { sessionId = step.GetProperty("sessionId").GetString(), rating = 5 });

        await LspTestClient.WaitForAsync(() => client.Received(Methods.InlayHintRefresh).Count > 0 ? "asked" : null, "workspace/inlayHint/refresh");
        var hints = (await Hints(client, uri)).Select(Describe).ToArray();
        Assert.Equal("2:8 new", hints[0]);
        Assert.Matches(@"^5:24 in [0-9.]+d · R 100%$", hints[1]);
        Assert.Equal("8:31 new", hints[2]);
    }

    [Fact]
    public async Task A_card_due_now_says_due_with_its_retrievability()
    {
        var path = _folder.Write("d.deck.md", "Q: a\nA: b\n");
        var uri = new Uri(path).AbsoluteUri;
        await using var client = await LspTestClient.StartInitializedAsync();
        await client.OpenAsync(uri, "Q: a\nA: b\n");

        // Rated 1 (Again): due again a minute from now; a minute and more later it is due.
        var step = await client.RequestAsync<JsonElement>(Methods.StartReview, new { uri, scope = "deck" });
        await client.RequestAsync<JsonElement>(Methods.Rate, new { sessionId = step.GetProperty("sessionId").GetString(), rating = 1 });

        var hint = Assert.Single(await Hints(client, uri));
        Assert.Matches(@"^in [0-9.]+[ms] · R [0-9]+%$", hint.GetProperty("label").GetString());
        Assert.Contains("chance of remembering it now", hint.GetProperty("tooltip").GetString());
    }

    [Fact]
    public async Task Only_the_cards_whose_question_line_is_in_the_range_get_a_hint()
    {
        const string deck = "Q: a\nA: 1\n\nQ: b\nA: 2\n\nQ: c\nA: 3\n\nQ: d\nA: 4\n";
        var path = _folder.Write("range.deck.md", deck);
        var uri = new Uri(path).AbsoluteUri;
        await using var client = await LspTestClient.StartInitializedAsync();
        await client.OpenAsync(uri, deck);

        Assert.Equal(["0:4 new", "3:4 new", "6:4 new", "9:4 new"], (await Hints(client, uri)).Select(Describe));
        Assert.Equal(["3:4 new", "6:4 new"], (await Hints(client, uri, 3, 6)).Select(Describe));
        Assert.Equal(["3:4 new"], (await Hints(client, uri, 1, 5)).Select(Describe));
        Assert.Equal(["9:4 new"], (await Hints(client, uri, 9, 9)).Select(Describe));
        Assert.Empty(await Hints(client, uri, 4, 5));
        Assert.Empty(await Hints(client, uri, 10, 200));
    }

    [Fact]
    public async Task Inlay_hints_can_be_turned_off()
    {
        await using var on = LspTestClient.Start();
        await using var off = LspTestClient.Start();

        Assert.True((await on.InitializeAsync()).Capabilities.InlayHintProvider);
        Assert.False((await off.InitializeAsync(initializationOptions: new { inlayHints = false })).Capabilities.InlayHintProvider);
    }
}
