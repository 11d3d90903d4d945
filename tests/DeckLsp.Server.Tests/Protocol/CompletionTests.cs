using DeckLsp.Server.Protocol;

namespace DeckLsp.Server.Tests.Protocol;

public sealed class CompletionTests
{
    private const string Uri = "file:///tmp/completion.deck.md";

    public static TheoryData<string, string[]> Cases => new()
    {
        // The cursor is at '|'.
        { "Q: a?\n\nA: 1\n\n|", ["Q:", "A:", "C:", "card"] },
        { "Q: a?\n\nA: 1\n\nQ|", ["Q:", "A:", "C:", "card"] },
        { "Q: a?\n\nA: 1 |", [] },
        { "Q: What is an RNN?\n<!-- |", ["id:", "tags:"] },
        { "---\ntags: [ml]\n---\n\nQ: a <!-- tags: exam, lstm -->\nA: 1\n\nQ: b <!-- tags: exam -->\nA: 2\n\nQ: c <!-- tags: |", ["exam", "lstm", "ml"] },
        { "Q: a <!-- tags: exam, lstm -->\nA: 1\n\nQ: b <!-- tags: lstm, |", ["exam"] },
        { "Q: a <!-- tags: exam, lstm -->\nA: 1\n\nQ: b <!-- tags: #ex|", ["exam", "lstm"] },
        { "Q: a <!-- tags: exam -->\nA: 1\n\nQ: b <!-- tags: x --> |", [] },
        { "Q: What is an RNN?\n<!-- id: |", ["what-is-an-rnn"] },
        { "Q: What is an RNN?\n<!-- id: what-is-an-rnn -->\n\nA: 1\n\nQ: What is an RNN?\n<!-- id: |", ["what-is-an-rnn-2"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Completion_offers_what_fits_the_cursor(string deck, string[] labels)
    {
        var (text, position) = Cursor(deck);
        await using var client = await LspTestClient.StartInitializedAsync();
        await client.OpenAsync(Uri, text);

        var list = await client.RequestAsync<CompletionList>(Methods.Completion, new CompletionParams
        {
            TextDocument = new TextDocumentIdentifier { Uri = Uri },
            Position = position,
        });

        Assert.Equal(labels, list.Items.Select(i => i.Label));
    }

    [Fact]
    public async Task Card_snippet_inserts_a_question_and_an_answer()
    {
        var (text, position) = Cursor("|");
        await using var client = await LspTestClient.StartInitializedAsync();
        await client.OpenAsync(Uri, text);

        var list = await client.RequestAsync<CompletionList>(Methods.Completion, new CompletionParams
        {
            TextDocument = new TextDocumentIdentifier { Uri = Uri },
            Position = position,
        });

        var snippet = Assert.Single(list.Items, i => i.Label == "card");
        Assert.Equal(InsertTextFormat.Snippet, snippet.InsertTextFormat);
        Assert.Equal("Q: $1\n\nA: $0", snippet.TextEdit!.NewText);
    }

    private static (string Text, Position Position) Cursor(string deck)
    {
        var at = deck.IndexOf('|');
        var before = deck[..at];
        var line = before.Count(c => c == '\n');
        return (deck.Remove(at, 1), new Position { Line = line, Character = at - (before.LastIndexOf('\n') + 1) });
    }
}
