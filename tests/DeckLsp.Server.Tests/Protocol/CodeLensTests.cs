using System.Text.Json;
using DeckLsp.Server.Protocol;

namespace DeckLsp.Server.Tests.Protocol;

public sealed class CodeLensTests
{
    [Fact]
    public async Task Sample_deck_gets_a_study_lens_and_one_review_lens_per_card()
    {
        var uri = new Uri(TestPaths.Sample("rnn.deck.md")).AbsoluteUri;
        await using var client = await LspTestClient.StartInitializedAsync();
        await client.OpenAsync(uri, await File.ReadAllTextAsync(TestPaths.Sample("rnn.deck.md")));

        var lenses = await client.RequestForDocumentAsync<JsonElement[]>(Methods.CodeLens, uri);

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

        var lenses = await client.RequestForDocumentAsync<CodeLens[]>(Methods.CodeLens, uri);

        var actual = lenses.Select(l =>
        {
            var argument = (JsonElement)l.Command!.Arguments![0];
            Assert.Equal(l.Range.Start.Line, argument.GetProperty("line").GetInt32());
            return $"{l.Range.Start.Line} {argument.GetProperty("scope").GetString()} {l.Command.Title}";
        });
        Assert.Equal(expected, actual);
    }

    private static string? Title(JsonElement lens) => lens.GetProperty("command").GetProperty("title").GetString();
}
