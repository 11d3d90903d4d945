using DeckLsp.Server.Protocol;

namespace DeckLsp.Server.Tests.Protocol;

public sealed class OutlineTests
{
    private const string Uri = "file:///tmp/outline.deck.md";

    private const string Deck = """
        Q: Before any heading?

        A: Top level.

        # Networks

        Q: What is an RNN?

        A: A recurrent network.

        ## Gates

        C: An LSTM has {{three}} gates.

        # Training

        Q: BPTT?
        More question.

        A: Backpropagation through time.
        """;

    [Fact]
    public async Task Document_symbols_nest_cards_in_sections_by_heading_level()
    {
        await using var client = await LspTestClient.StartInitializedAsync();
        await client.OpenAsync(Uri, Deck.ReplaceLineEndings("\n"));

        var symbols = await client.RequestForDocumentAsync<DocumentSymbol[]>(Methods.DocumentSymbol, Uri);

        Assert.Equal(
            [
                "Before any heading? (card)",
                "Networks (2 cards)",
                "  What is an RNN? (card)",
                "  Gates (1 card)",
                "    An LSTM has {{three}} gates. (cloze)",
                "Training (1 card)",
                "  BPTT? (card)",
            ],
            Flatten(symbols, ""));
        var networks = symbols[1];
        Assert.Equal(4, networks.Range.Start.Line);
        Assert.Equal(4, networks.SelectionRange.Start.Line);
        var bptt = symbols[2].Children![0];
        Assert.Equal(new Range { Start = new Position { Line = 16, Character = 0 }, End = new Position { Line = 19, Character = 32 } }, bptt.Range);
    }

    [Fact]
    public async Task Folding_ranges_cover_each_section_and_each_multi_line_card()
    {
        await using var client = await LspTestClient.StartInitializedAsync();
        await client.OpenAsync(Uri, Deck.ReplaceLineEndings("\n"));

        var ranges = await client.RequestForDocumentAsync<FoldingRange[]>(Methods.FoldingRange, Uri);

        Assert.Equal(
            ["0-2", "4-12", "6-8", "10-12", "14-19", "16-19"],
            ranges.Select(r => $"{r.StartLine}-{r.EndLine}"));
    }

    [Fact]
    public async Task Outline_and_folds_follow_each_edit_and_stay_the_same_when_asked_again()
    {
        await using var client = await LspTestClient.StartInitializedAsync();
        await client.OpenAsync(Uri, "Q: one?\n\nA: 1\n");
        Assert.Equal(["one? (card)"], Flatten(await client.RequestForDocumentAsync<DocumentSymbol[]>(Methods.DocumentSymbol, Uri), ""));
        Assert.Equal(["0-2"], await Folds(client));

        await client.ChangeAsync(Uri, 2, new TextDocumentContentChangeEvent
        {
            Range = new Range { Start = new Position { Line = 0, Character = 0 }, End = new Position { Line = 0, Character = 0 } },
            Text = "# Head\n\n",
        });

        string[] outline = ["Head (1 card)", "  one? (card)"];
        Assert.Equal(outline, Flatten(await client.RequestForDocumentAsync<DocumentSymbol[]>(Methods.DocumentSymbol, Uri), ""));
        Assert.Equal(outline, Flatten(await client.RequestForDocumentAsync<DocumentSymbol[]>(Methods.DocumentSymbol, Uri), ""));
        Assert.Equal(["0-4", "2-4"], await Folds(client));
        Assert.Equal(["0-4", "2-4"], await Folds(client));
    }

    private static async Task<string[]> Folds(LspTestClient client) =>
        (await client.RequestForDocumentAsync<FoldingRange[]>(Methods.FoldingRange, Uri)).Select(r => $"{r.StartLine}-{r.EndLine}").ToArray();

    private static IEnumerable<string> Flatten(IEnumerable<DocumentSymbol> symbols, string indent) =>
        symbols.SelectMany(s => Flatten(s.Children ?? [], indent + "  ").Prepend($"{indent}{s.Name} ({s.Detail})"));
}
