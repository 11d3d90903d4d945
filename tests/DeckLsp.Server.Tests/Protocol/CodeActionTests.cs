using DeckLsp.Server.Protocol;

namespace DeckLsp.Server.Tests.Protocol;

public sealed class CodeActionTests
{
    private const string Uri = "file:///tmp/actions.deck.md";

    [Fact]
    public async Task Quick_fix_for_DECK001_adds_an_answer_and_the_diagnostic_goes_away()
    {
        await using var client = await LspTestClient.StartInitializedAsync();
        await client.OpenAsync(Uri, "# Deck\n\nQ: Lonely question\n");
        var diagnostic = Assert.Single((await client.WaitForDiagnosticsAsync(Uri)).Diagnostics);

        var actions = await client.RequestAsync<CodeAction[]>(Methods.CodeAction, new CodeActionParams
        {
            TextDocument = new TextDocumentIdentifier { Uri = Uri },
            Range = diagnostic.Range,
            Context = new CodeActionContext { Diagnostics = [diagnostic] },
        });

        var fix = Assert.Single(actions);
        Assert.Equal("quickfix", fix.Kind);
        Assert.Equal(diagnostic, Assert.Single(fix.Diagnostics!));
        var edits = fix.Edit!.Changes[Uri];
        await client.ChangeAsync(Uri, 2, edits.Reverse().Select(e => new TextDocumentContentChangeEvent { Range = e.Range, Text = e.NewText }).ToArray());

        var after = await client.WaitForDiagnosticsAsync(Uri, p => p.Version == 2);
        Assert.DoesNotContain(after.Diagnostics, d => d.Code == "DECK001");
    }

    [Fact]
    public async Task No_quick_fix_where_there_is_no_diagnostic()
    {
        await using var client = await LspTestClient.StartInitializedAsync();
        await client.OpenAsync(Uri, "Q: One?\n\nA: 1\n");

        var actions = await client.RequestAsync<CodeAction[]>(Methods.CodeAction, new CodeActionParams
        {
            TextDocument = new TextDocumentIdentifier { Uri = Uri },
            Range = new Range { Start = new Position { Line = 0, Character = 0 }, End = new Position { Line = 0, Character = 2 } },
        });

        Assert.Empty(actions);
    }
}
