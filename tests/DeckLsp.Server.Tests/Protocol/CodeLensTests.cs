using System.Text.Json;
using DeckLsp.Server.Protocol;

namespace DeckLsp.Server.Tests.Protocol;

public sealed class CodeLensTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Sample_deck_gets_a_study_lens_and_one_review_lens_per_card()
    {
        var uri = new Uri(TestPaths.Sample("rnn.deck.md")).AbsoluteUri;
        await using var client = await LspTestClient.StartInitializedAsync();
        await client.OpenAsync(uri, await File.ReadAllTextAsync(TestPaths.Sample("rnn.deck.md")));

        var lenses = await client.ResolvedLensesAsync<JsonElement>(uri);

        Assert.Equal("Study deck (9 cards · 0 due · 9 new)", Title(lenses[0]));
        Assert.Equal(0, lenses[0].GetProperty("range").GetProperty("start").GetProperty("line").GetInt32());
        Assert.Equal(Enumerable.Repeat("Review card · new", 9), lenses.Skip(1).Select(Title));
        Assert.All(lenses, lens => Assert.Equal("decklsp.study", lens.GetProperty("command").GetProperty("command").GetString()));
        var argument = Assert.Single(lenses[1].GetProperty("command").GetProperty("arguments").EnumerateArray());
        Assert.Equal(uri, argument.GetProperty("uri").GetString());
        Assert.Equal("card", argument.GetProperty("scope").GetString());
        Assert.Equal(5, argument.GetProperty("line").GetInt32());
    }

    public static TheoryData<string, string[]> Decks => new()
    {
        { "# Deck\n\nQ: a?\n\nA: 1\n", ["0 deck Study deck (1 card · 0 due · 1 new)", "0 section Study section (1 card · 0 due · 1 new)", "2 card Review card · new"] },
        {
            "Intro text.\n\n# Deck\n\n## One\n\nQ: a?\n\nA: 1\n\n### Deeper\n\nQ: b?\n\nA: 2\n\n## Two\n",
            [
                "0 deck Study deck (2 cards · 0 due · 2 new)", "2 section Study section (2 cards · 0 due · 2 new)", "4 section Study section (2 cards · 0 due · 2 new)",
                "10 section Study section (1 card · 0 due · 1 new)", "16 section Study section (0 cards · 0 due · 0 new)", "6 card Review card · new", "12 card Review card · new",
            ]
        },
        { "\n\n# Title\n\nC: The {{answer}} is here.\n", ["2 deck Study deck (1 card · 0 due · 1 new)", "2 section Study section (1 card · 0 due · 1 new)", "4 card Review card · new"] },
    };

    [Theory]
    [MemberData(nameof(Decks))]
    public async Task Lenses_count_cards_of_sections_and_their_subsections(string deck, string[] expected)
    {
        const string uri = "file:///tmp/lenses.deck.md";
        await using var client = await LspTestClient.StartInitializedAsync();
        await client.OpenAsync(uri, deck);

        var lenses = await client.ResolvedLensesAsync<CodeLens>(uri);

        var actual = lenses.Select(l =>
        {
            var argument = (JsonElement)l.Command!.Arguments![0];
            Assert.Equal(l.Range.Start.Line, argument.GetProperty("line").GetInt32());
            return $"{l.Range.Start.Line} {argument.GetProperty("scope").GetString()} {l.Command.Title}";
        });
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Lenses_come_with_a_range_and_data_only_and_resolve_one_at_a_time()
    {
        const string uri = "file:///tmp/unresolved.deck.md";
        await using var client = await LspTestClient.StartInitializedAsync();
        await client.OpenAsync(uri, "# Deck\n\nQ: a?\n\nA: 1\n", version: 4);

        var lenses = await client.RequestForDocumentAsync<JsonElement[]>(Methods.CodeLens, uri);

        Assert.All(lenses, lens => Assert.False(lens.TryGetProperty("command", out _)));
        Assert.Equal(["deck 0 v4", "section 0 v4", "card 0 v4"], lenses.Select(Data));
        var card = await Resolve(client, lenses[2]);
        Assert.Equal("Review card · new", Title(card));
        Assert.Equal(lenses[2].GetProperty("range").ToString(), card.GetProperty("range").ToString());
        Assert.Equal(2, card.GetProperty("command").GetProperty("arguments")[0].GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task A_lens_of_an_older_version_resolves_without_counts_and_a_deleted_card_without_a_due_date()
    {
        const string uri = "file:///tmp/stale.deck.md";
        const string deck = "# Deck\n\nQ: a?\n\nA: 1\n\nQ: b?\n\nA: 2\n";
        await using var client = await LspTestClient.StartInitializedAsync();
        await client.OpenAsync(uri, deck);
        var before = await client.RequestForDocumentAsync<JsonElement[]>(Methods.CodeLens, uri);

        // The second card is deleted: lines 6 to 9.
        await client.ChangeAsync(uri, 2, new TextDocumentContentChangeEvent { Range = Lines(5, 9), Text = "" });
        var after = await client.ResolvedLensesAsync<JsonElement>(uri);

        Assert.Equal(["Study deck (1 card · 0 due · 1 new)", "Study section (1 card · 0 due · 1 new)", "Review card · new"], after.Select(Title));
        var stale = await Task.WhenAll(before.Select(lens => Resolve(client, lens)));
        Assert.Equal(["Study deck", "Study section", "Review card", "Review card"], stale.Select(Title));
        Assert.Equal([0, 0, 2, 6], stale.Select(l => l.GetProperty("command").GetProperty("arguments")[0].GetProperty("line").GetInt32()));

        // A lens of the current version naming a card the deck does not have, and one of a document not open.
        var missing = JsonSerializer.SerializeToElement(new { range = Lines(6, 6), data = new { uri, version = 2, scope = "card", index = 1 } });
        Assert.Equal("Review card", Title(await Resolve(client, missing)));
        var closed = JsonSerializer.SerializeToElement(new { range = Lines(0, 0), data = new { uri = "file:///tmp/closed.deck.md", version = 1, scope = "deck", index = 0 } });
        Assert.Equal("Study deck", Title(await Resolve(client, closed)));
    }

    [Fact]
    public async Task Lenses_follow_an_edit_and_their_counts_follow_a_rating_in_the_same_version()
    {
        const string deck = "# Deck\n\nQ: a?\n\nA: 1\n\nQ: b?\n\nA: 2\n";
        var path = _folder.Write("counts.deck.md", deck);
        var uri = new Uri(path).AbsoluteUri;
        await using var client = await LspTestClient.StartInitializedAsync();
        await client.OpenAsync(uri, deck);
        Assert.Equal("Study deck (2 cards · 0 due · 2 new)", Title((await client.ResolvedLensesAsync<JsonElement>(uri))[0]));

        await client.ChangeAsync(uri, 2, new TextDocumentContentChangeEvent { Range = Lines(9, 9), Text = "\nQ: c?\n\nA: 3\n" });
        var lenses = await client.RequestForDocumentAsync<JsonElement[]>(Methods.CodeLens, uri);
        Assert.Equal(["deck 0 v2", "section 0 v2", "card 0 v2", "card 1 v2", "card 2 v2"], lenses.Select(Data));
        Assert.Equal("Study deck (3 cards · 0 due · 3 new)", Title(await Resolve(client, lenses[0])));

        // A rating changes the history, not the text: the same lenses resolve to new counts.
        var step = await client.RequestAsync<JsonElement>(Methods.StartReview, new { uri, scope = "card", line = 6 });
        await client.RequestAsync<JsonElement>(Methods.Rate, new { sessionId = step.GetProperty("sessionId").GetString(), rating = 5 });
        Assert.Equal("Study deck (3 cards · 0 due · 2 new)", Title(await Resolve(client, lenses[0])));
        Assert.Equal("Study section (3 cards · 0 due · 2 new)", Title(await Resolve(client, lenses[1])));
        Assert.Matches(@"^Review card · due in \S+$", Title(await Resolve(client, lenses[3])));
        Assert.Equal("Review card · new", Title(await Resolve(client, lenses[2])));
    }

    private static Task<JsonElement> Resolve(LspTestClient client, JsonElement lens) => client.RequestAsync<JsonElement>(Methods.CodeLensResolve, lens);

    private static DeckLsp.Server.Protocol.Range Lines(int start, int end) =>
        new() { Start = new Position { Line = start, Character = 0 }, End = new Position { Line = end, Character = 0 } };

    private static string Data(JsonElement lens)
    {
        var data = lens.GetProperty("data");
        return $"{data.GetProperty("scope").GetString()} {data.GetProperty("index").GetInt32()} v{data.GetProperty("version").GetInt32()}";
    }

    private static string? Title(JsonElement lens) => lens.GetProperty("command").GetProperty("title").GetString();
}
