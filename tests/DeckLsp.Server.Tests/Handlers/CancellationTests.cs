using System.Text;
using System.Text.Json;
using DeckLsp.Server.Handlers;
using DeckLsp.Server.Hosting;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Reviews;
using DeckLsp.Server.Workspace;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace DeckLsp.Server.Tests.Handlers;

/// <summary>
/// Defect 13: the handlers that walk every card, diagnostic or deck honour <c>$/cancelRequest</c>. Called with a cancelled
/// token on a deck of many cards, each gives up instead of answering (StreamJsonRpc then answers -32800).
/// </summary>
public sealed class CancellationTests : IDisposable
{
    private const string Uri = "file:///tmp/cancel.deck.md";

    private readonly DocumentStore _store = new();
    private readonly WorkspaceIndex _index = new(NullLogger<WorkspaceIndex>.Instance);
    private readonly ReviewService _reviews;
    private readonly ReviewDecks _decks;
    private readonly string _folder = Directory.CreateTempSubdirectory("decklsp-cancel-").FullName;
    private readonly CancellationToken _cancelled = new(canceled: true);

    public CancellationTests()
    {
        var session = new ServerSession(new ServerOptions { DatabasePath = Path.Combine(_folder, "reviews.db") });
        _reviews = new ReviewService(session, Substitute.For<ILanguageClient>(), TimeProvider.System, NullLogger<ReviewService>.Instance);
        _decks = new ReviewDecks(_store, _index, _reviews);
        var deck = new StringBuilder("# Deck\n\n");
        for (var i = 0; i < 500; i++)
        {
            deck.Append($"## Section {i}\n\nQ: Question {i}?\n\nA: Answer {i}.\n\nQ: Question without an answer {i}\n\n");
        }

        _store.Open(Uri, 1, deck.ToString(), (uri, path, document) =>
        {
            var source = _reviews.SourceFor(path);
            return DeckLink.Link(source, path is null ? uri : source.PlacementPath(path), document);
        });
    }

    public void Dispose()
    {
        _reviews.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static DocumentParams Document => new() { TextDocument = new TextDocumentIdentifier { Uri = Uri } };

    // The items of an answer the handler wrote as JSON itself.
    private static JsonElement[] Items(PreparedJson answer) => JsonSerializer.Deserialize<JsonElement[]>(answer.Utf8.Span)!;

    [Fact]
    public async Task Document_symbols_stop_when_cancelled()
    {
        var handler = new DocumentSymbolHandler(_store);

        Assert.NotEmpty(Items(await handler.DocumentSymbolAsync(Document, CancellationToken.None)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => handler.DocumentSymbolAsync(Document, _cancelled));
    }

    [Fact]
    public async Task Folding_ranges_stop_when_cancelled()
    {
        var handler = new FoldingRangeHandler(_store);

        Assert.NotEmpty(Items(await handler.FoldingRangeAsync(Document, CancellationToken.None)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => handler.FoldingRangeAsync(Document, _cancelled));
    }

    [Fact]
    public async Task Code_lenses_stop_when_cancelled()
    {
        var handler = new CodeLensHandler(_store, _decks, new ReviewCounts(_reviews, _decks), _reviews, NullLogger<CodeLensHandler>.Instance);

        Assert.NotEmpty(Items(await handler.CodeLensAsync(Document, CancellationToken.None)));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => handler.CodeLensAsync(Document, _cancelled));
    }

    [Fact]
    public async Task Code_actions_stop_when_cancelled()
    {
        var handler = new CodeActionHandler(_store);
        var everything = new CodeActionParams
        {
            TextDocument = new TextDocumentIdentifier { Uri = Uri },
            Range = new DeckLsp.Server.Protocol.Range { Start = new Position { Line = 0, Character = 0 }, End = new Position { Line = 100_000, Character = 0 } },
            Context = new CodeActionContext { Diagnostics = [] },
        };

        Assert.NotEmpty(await handler.CodeActionAsync(everything, CancellationToken.None));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => handler.CodeActionAsync(everything, _cancelled));
    }

    [Fact]
    public async Task Workspace_symbols_stop_when_cancelled()
    {
        _index.Build([], progress: null, CancellationToken.None);
        var handler = new WorkspaceSymbolHandler(new WorkspaceDecks(_store, _index), _index);
        var query = new WorkspaceSymbolParams { Query = "question" };

        Assert.NotEmpty(await handler.WorkspaceSymbolAsync(query, CancellationToken.None));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => handler.WorkspaceSymbolAsync(query, _cancelled));
    }

    [Fact]
    public async Task Workspace_due_counts_and_orphans_stop_when_cancelled()
    {
        var handler = new ReviewHandler(null!, new ReviewCounts(_reviews, _decks), _decks, _reviews);

        Assert.True((await handler.DueCounts(CancellationToken.None)).New > 0);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => handler.DueCounts(_cancelled));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => handler.Orphans(_cancelled));
    }
}
