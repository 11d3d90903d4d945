using DeckLsp.Server.Hosting;
using DeckLsp.Server.Protocol;

namespace DeckLsp.Server.Tests.Protocol;

public sealed class DiagnosticsTests
{
    private const string Uri = "file:///tmp/decklsp-tests/notes.deck.md";

    public static TheoryData<string, string[]> Decks => new()
    {
        { "Q: What is an RNN?\n\nA: A recurrent network.\n", [] },
        { "Q: What is an RNN?\n", ["DECK001"] },
        { "A: An orphan answer.\n", ["DECK002"] },
        { "Q: One?\n\nA: 1\n\nQ: Two?\n", ["DECK001"] },
    };

    [Theory]
    [MemberData(nameof(Decks))]
    public async Task Opening_a_deck_publishes_its_diagnostics_with_the_version(string deck, string[] codes)
    {
        await using var client = await LspTestClient.StartInitializedAsync();

        await client.OpenAsync(Uri, deck, version: 7);

        var published = await client.WaitForDiagnosticsAsync(Uri);
        Assert.Equal(7, published.Version);
        Assert.Equal(codes, published.Diagnostics.Select(d => d.Code));
        Assert.All(published.Diagnostics, d => Assert.Equal("decklsp", d.Source));
    }

    [Fact]
    public async Task Question_without_answer_is_published_as_DECK001_at_its_marker()
    {
        await using var client = await LspTestClient.StartInitializedAsync();

        await client.OpenAsync(Uri, "# Deck\n\nQ: Lonely question\n");

        var diagnostic = Assert.Single((await client.WaitForDiagnosticsAsync(Uri)).Diagnostics);
        Assert.Equal("DECK001", diagnostic.Code);
        Assert.Equal(1, diagnostic.Severity);
        Assert.Equal(new Range { Start = new Position { Line = 2, Character = 0 }, End = new Position { Line = 2, Character = 2 } }, diagnostic.Range);
    }

    [Fact]
    public async Task Deck_over_the_size_limit_gets_one_diagnostic_and_the_server_keeps_answering()
    {
        await using var client = await LspTestClient.StartInitializedAsync();

        await client.OpenAsync(Uri, "Q: a\nA: b\n" + new string('x', DeckLsp.Core.Documents.DeckLimits.MaxDeckLength));

        var diagnostic = Assert.Single((await client.WaitForDiagnosticsAsync(Uri)).Diagnostics);
        Assert.Equal("DECK017", diagnostic.Code);
        Assert.Empty(await client.RequestForDocumentAsync<DocumentSymbol[]>(Methods.DocumentSymbol, Uri));
    }

    [Fact]
    public async Task Related_spans_become_relatedInformation()
    {
        await using var client = await LspTestClient.StartInitializedAsync();

        await client.OpenAsync(Uri, "Q: Same?\n\nA: 1\n\nA: 2\n");

        var diagnostic = Assert.Single((await client.WaitForDiagnosticsAsync(Uri)).Diagnostics, d => d.Code == "DECK005");
        var related = Assert.Single(diagnostic.RelatedInformation!);
        Assert.Equal(Uri, related.Location.Uri);
        Assert.Equal(2, related.Location.Range.Start.Line);
    }

    [Fact]
    public async Task Typing_a_question_without_answer_shows_DECK001_and_answering_it_clears_it()
    {
        await using var client = await LspTestClient.StartInitializedAsync();
        await client.OpenAsync(Uri, "Q: One?\n\nA: 1\n");
        Assert.Empty((await client.WaitForDiagnosticsAsync(Uri)).Diagnostics);

        // Typed one keystroke at a time at the end of the deck, each change relative to the text after the previous one.
        var version = 1;
        var line = 3;
        var character = 0;
        foreach (var c in "\nQ: Two?")
        {
            var at = new Position { Line = line, Character = character };
            await client.ChangeAsync(Uri, ++version, new TextDocumentContentChangeEvent { Range = new Range { Start = at, End = at }, Text = c.ToString() });
            (line, character) = c == '\n' ? (line + 1, 0) : (line, character + 1);
        }

        var withError = await client.WaitForDiagnosticsAsync(Uri, p => p.Diagnostics.Any(d => d.Code == "DECK001"));
        Assert.Equal(version, withError.Version);
        Assert.Equal(4, withError.Diagnostics.Single().Range.Start.Line);

        var end = new Position { Line = 4, Character = 7 };
        await client.ChangeAsync(Uri, ++version, new TextDocumentContentChangeEvent { Range = new Range { Start = end, End = end }, Text = "\n\nA: 2" });

        var cleared = await client.WaitForDiagnosticsAsync(Uri, p => p.Version == version);
        Assert.Empty(cleared.Diagnostics);
    }

    [Fact]
    public async Task Several_changes_in_one_notification_apply_in_order_and_a_change_without_range_replaces_the_text()
    {
        await using var client = await LspTestClient.StartInitializedAsync();
        await client.OpenAsync(Uri, "Q: One?\n\nA: 1\n");
        await client.WaitForDiagnosticsAsync(Uri);

        await client.ChangeAsync(Uri, 2,
            new TextDocumentContentChangeEvent { Text = "A: orphan\n" },
            new TextDocumentContentChangeEvent
            {
                Range = new Range { Start = new Position { Line = 1, Character = 0 }, End = new Position { Line = 1, Character = 0 } },
                Text = "\nQ: Hello?\n",
            });

        var published = await client.WaitForDiagnosticsAsync(Uri, p => p.Version == 2);
        Assert.Equal(["DECK002", "DECK001"], published.Diagnostics.Select(d => d.Code));
        var symbols = await client.RequestForDocumentAsync<DocumentSymbol[]>(Methods.DocumentSymbol, Uri);
        Assert.Equal("Hello?", Assert.Single(symbols).Name);
    }

    [Fact]
    public async Task Unchanged_diagnostics_are_not_republished()
    {
        await using var client = await LspTestClient.StartInitializedAsync();
        await client.OpenAsync(Uri, "Q: One?\n");
        await client.WaitForDiagnosticsAsync(Uri);

        // Editing the question's text moves nothing: DECK001 stays where it was.
        var at = new Position { Line = 0, Character = 6 };
        await client.ChangeAsync(Uri, 2, new TextDocumentContentChangeEvent { Range = new Range { Start = at, End = at }, Text = "ne" });
        await client.WaitForLogAsync(m => m.Contains("unchanged at version 2"));

        Assert.Single(client.DiagnosticsFor(Uri));
    }

    [Fact]
    public async Task Closing_a_deck_clears_its_diagnostics()
    {
        await using var client = await LspTestClient.StartInitializedAsync();
        await client.OpenAsync(Uri, "Q: One?\n");
        await client.WaitForDiagnosticsAsync(Uri, p => p.Diagnostics.Length == 1);

        await client.NotifyAsync(Methods.DidClose, new DidCloseTextDocumentParams { TextDocument = new TextDocumentIdentifier { Uri = Uri } });

        var cleared = await client.WaitForDiagnosticsAsync(Uri, after: 1);
        Assert.Empty(cleared.Diagnostics);
        Assert.Null(cleared.Version);
    }

    [Fact]
    public async Task Missing_link_target_is_DECK015_relative_to_the_deck_folder()
    {
        using var folder = new TempFolder();
        folder.Write("images/present.png", "");
        var path = folder.Write("links.deck.md", "");
        var uri = new System.Uri(path).AbsoluteUri;
        await using var client = await LspTestClient.StartInitializedAsync();

        await client.OpenAsync(uri, "Q: Pictures?\n\nA: ![ok](images/present.png) and ![gone](images/missing.png)\n");

        var diagnostic = Assert.Single((await client.WaitForDiagnosticsAsync(uri)).Diagnostics);
        Assert.Equal("DECK015", diagnostic.Code);
        Assert.Contains("images/missing.png", diagnostic.Message);
    }

    [Fact]
    public async Task Diagnostics_wait_for_typing_to_pause()
    {
        // With a long debounce, the edit's diagnostics cannot arrive before a request sent after it is answered.
        await using var client = await LspTestClient.StartInitializedAsync(options: new ServerOptions { DiagnosticsDelay = TimeSpan.FromSeconds(1) });
        await client.OpenAsync(Uri, "Q: One?\n\nA: 1\n");
        await client.WaitForDiagnosticsAsync(Uri);

        await client.ChangeAsync(Uri, 2, new TextDocumentContentChangeEvent { Text = "Q: One?\n" });
        await client.RequestForDocumentAsync<DocumentSymbol[]>(Methods.DocumentSymbol, Uri);

        Assert.Single(client.DiagnosticsFor(Uri));
        var later = await client.WaitForDiagnosticsAsync(Uri, after: 1);
        Assert.Equal(2, later.Version);
    }
}
