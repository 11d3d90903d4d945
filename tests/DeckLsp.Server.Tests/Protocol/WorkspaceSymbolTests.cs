using System.Text.Json;
using DeckLsp.Server.Protocol;

namespace DeckLsp.Server.Tests.Protocol;

public sealed class WorkspaceSymbolTests
{
    private static readonly ClientCapabilities WatchingClient = new()
    {
        Workspace = new WorkspaceClientCapabilities { DidChangeWatchedFiles = new DynamicRegistrationCapability { DynamicRegistration = true } },
    };

    private static TempFolder Workspace()
    {
        var folder = new TempFolder();
        folder.Write("networks.deck.md", "# Networks\n\nQ: What is a recurrent neural network?\n\nA: One with loops.\n\nQ: What is a transformer?\n\nA: Attention.\n");
        folder.Write("deep/training.deck.md", "Q: What is backpropagation through time?\n\nA: BPTT.\n");
        folder.Write("node_modules/pkg/ignored.deck.md", "Q: What is ignored?\n\nA: This.\n");
        folder.Write(".git/ignored.deck.md", "Q: What is hidden?\n\nA: This.\n");
        folder.Write("notes.md", "Q: Not a deck?\n\nA: Right.\n");
        return folder;
    }

    [Fact]
    public async Task Workspace_symbols_find_cards_of_every_deck_by_fuzzy_question_match()
    {
        using var folder = Workspace();
        await using var client = await LspTestClient.StartInitializedAsync(folder.Uri);

        var all = await Search(client, "what");
        var rnn = await Search(client, "rnn");
        var bptt = await Search(client, "bptime");

        Assert.Equal(3, all.Length);
        Assert.Equal("What is a recurrent neural network?", Assert.Single(rnn).Name);
        var found = Assert.Single(bptt);
        Assert.Equal("What is backpropagation through time?", found.Name);
        Assert.EndsWith("/deep/training.deck.md", found.Location.Uri);
        Assert.Equal(0, found.Location.Range.Start.Line);
    }

    [Fact]
    public async Task Closer_matches_rank_first()
    {
        using var folder = Workspace();
        await using var client = await LspTestClient.StartInitializedAsync(folder.Uri);

        var results = await Search(client, "transformer");

        Assert.Equal("What is a transformer?", results[0].Name);
    }

    [Fact]
    public async Task Open_decks_are_searched_from_the_editor_text()
    {
        using var folder = Workspace();
        await using var client = await LspTestClient.StartInitializedAsync(folder.Uri);
        var uri = new Uri(Path.Combine(folder.Path, "networks.deck.md")).AbsoluteUri;

        await client.OpenAsync(uri, "Q: What is a GRU?\n\nA: A gated unit.\n");

        var found = await Search(client, "gru");
        Assert.Equal("What is a GRU?", found[0].Name);
        Assert.Equal(uri, found[0].Location.Uri);
        Assert.Empty(await Search(client, "transformer"));
    }

    [Fact]
    public async Task Watched_file_events_keep_the_index_current()
    {
        using var folder = Workspace();
        await using var client = await LspTestClient.StartInitializedAsync(folder.Uri, WatchingClient);
        var registration = await LspTestClient.WaitForAsync(() => client.Received(Methods.RegisterCapability).FirstOrDefault() is { ValueKind: JsonValueKind.Object } r ? (JsonElement?)r : null, "registerCapability");
        var watcher = registration!.Value.GetProperty("registrations")[0];
        Assert.Equal(Methods.DidChangeWatchedFiles, watcher.GetProperty("method").GetString());
        Assert.Equal("**/*.deck.md", watcher.GetProperty("registerOptions").GetProperty("watchers")[0].GetProperty("globPattern").GetString());
        Assert.Single(await Search(client, "transformer"));

        var created = folder.Write("new.deck.md", "Q: What is an LSTM?\n\nA: Long short-term memory.\n");
        var changed = folder.Write("networks.deck.md", "Q: What is a GRU?\n\nA: A gated unit.\n");
        var deleted = Path.Combine(folder.Path, "deep", "training.deck.md");
        File.Delete(deleted);
        await client.NotifyAsync(Methods.DidChangeWatchedFiles, new DidChangeWatchedFilesParams
        {
            Changes =
            [
                new FileEvent { Uri = new Uri(created).AbsoluteUri, Type = FileChangeType.Created },
                new FileEvent { Uri = new Uri(changed).AbsoluteUri, Type = FileChangeType.Changed },
                new FileEvent { Uri = new Uri(deleted).AbsoluteUri, Type = FileChangeType.Deleted },
            ],
        });

        Assert.Equal(["What is a GRU?", "What is an LSTM?"], (await Search(client, "what")).Select(s => s.Name).Order());
    }

    [Fact]
    public async Task Large_workspaces_report_indexing_progress()
    {
        using var folder = Workspace();
        var capabilities = new ClientCapabilities { Window = new WindowClientCapabilities { WorkDoneProgress = true } };
        await using var client = await LspTestClient.StartInitializedAsync(folder.Uri, capabilities,
            new Hosting.ServerOptions { IndexProgressThreshold = 1, DiagnosticsDelay = TimeSpan.FromMilliseconds(50) });

        await Search(client, "what");
        var kinds = await LspTestClient.WaitForAsync(() =>
        {
            var seen = client.Received(Methods.Progress).Select(p => p.GetProperty("value").GetProperty("kind").GetString()).ToList();
            return seen.Contains("end") ? seen : null;
        }, "progress to end");

        var token = Assert.Single(client.Received(Methods.CreateWorkDoneProgress)).GetProperty("token").GetString();
        Assert.Equal("begin", kinds[0]);
        Assert.Equal("end", kinds[^1]);
        Assert.All(client.Received(Methods.Progress), p => Assert.Equal(token, p.GetProperty("token").GetString()));
    }

    private static Task<SymbolInformation[]> Search(LspTestClient client, string query) =>
        client.RequestAsync<SymbolInformation[]>(Methods.WorkspaceSymbol, new WorkspaceSymbolParams { Query = query });
}
