using DeckLsp.Server.Protocol;

namespace DeckLsp.Server.Tests.Protocol;

public sealed class HoverTests
{
    private const string Uri = "file:///tmp/hover.deck.md";

    private const string Deck = "Q: What is **BPTT**?\n<!-- id: bptt -->\n\nA: Backpropagation *through time*.\n\nC: RNNs share {{weights}} across steps.\n\n"
        + "C: LSTMs add {{}} and {{gates}}.\n";

    public static TheoryData<int, int, string[]> Markers => new()
    {
        { 0, 0, ["**Basic card** · id `bptt`", "Backpropagation *through time*."] },
        { 0, 2, ["**Basic card**", "Backpropagation *through time*."] },
        { 3, 1, ["**Basic card** · id `bptt`", "Backpropagation *through time*."] },
        { 5, 1, ["**Cloze card** · no id", "weights"] },
        { 7, 0, ["1. _hides nothing, so it is not reviewed_", "2. gates"] },
    };

    [Theory]
    [MemberData(nameof(Markers))]
    public async Task Hover_over_a_marker_shows_kind_id_and_answer_as_markdown(int line, int character, string[] fragments)
    {
        await using var client = await LspTestClient.StartInitializedAsync();
        await client.OpenAsync(Uri, Deck);

        var hover = await client.RequestAsync<Hover?>(Methods.Hover, Params(line, character));

        Assert.NotNull(hover);
        Assert.Equal("markdown", hover.Contents.Kind);
        Assert.All(fragments, fragment => Assert.Contains(fragment, hover.Contents.Value));
        Assert.Equal(line, hover.Range!.Start.Line);
    }

    [Fact]
    public async Task Hover_away_from_markers_is_null()
    {
        await using var client = await LspTestClient.StartInitializedAsync();
        await client.OpenAsync(Uri, Deck);

        Assert.Null(await client.RequestAsync<Hover?>(Methods.Hover, Params(0, 10)));
    }

    private static HoverParams Params(int line, int character) => new()
    {
        TextDocument = new TextDocumentIdentifier { Uri = Uri },
        Position = new Position { Line = line, Character = character },
    };
}
