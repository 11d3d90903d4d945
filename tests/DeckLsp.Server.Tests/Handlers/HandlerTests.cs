using DeckLsp.Server.Handlers;
using DeckLsp.Server.Hosting;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Reviews;
using DeckLsp.Server.Workspace;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace DeckLsp.Server.Tests.Handlers;

/// <summary>Handlers called directly, with the client side faked.</summary>
public sealed class HandlerTests : IDisposable
{
    private const string Uri = "file:///tmp/handlers.deck.md";

    private readonly ILanguageClient _client = Substitute.For<ILanguageClient>();
    private readonly DocumentStore _store = new();
    private readonly DiagnosticsPublisher _publisher;
    private readonly TextSyncHandler _sync;
    private readonly ReviewService _reviews;
    private readonly string _folder = Directory.CreateTempSubdirectory("decklsp-handlers-").FullName;

    public HandlerTests()
    {
        var options = new ServerOptions { DatabasePath = Path.Combine(_folder, "reviews.db") };
        var index = new WorkspaceIndex(NullLogger<WorkspaceIndex>.Instance);
        _publisher = new DiagnosticsPublisher(_store, _client, options, NullLogger<DiagnosticsPublisher>.Instance);
        var session = new ServerSession(options);
        _reviews = new ReviewService(session, _client, TimeProvider.System, NullLogger<ReviewService>.Instance);
        var decks = new ReviewDecks(_store, index, _reviews);
        var writer = new HistoryWriter(NullLogger<HistoryWriter>.Instance);
        var sessions = new ReviewSessions(_reviews, decks, new ReviewCounts(_reviews, decks), writer, new CardRendering(), _client, NullLogger<ReviewSessions>.Instance);
        var follower = new HistoryFollower(_reviews, _store, _client, session, NullLogger<HistoryFollower>.Instance);
        _sync = new TextSyncHandler(_store, _publisher, index, _reviews, writer, sessions, follower, NullLogger<TextSyncHandler>.Instance);
    }

    public void Dispose()
    {
        _reviews.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task DidOpen_publishes_at_once_with_the_opened_version()
    {
        _sync.DidOpen(new DidOpenTextDocumentParams { TextDocument = new TextDocumentItem { Uri = Uri, Version = 9, Text = "A: orphan\n" } });
        await _publisher.ProcessQueuedAsync();

        await _client.Received(1).PublishDiagnosticsAsync(Arg.Is<PublishDiagnosticsParams>(p => p.Version == 9 && p.Diagnostics[0].Code == "DECK002"));
    }

    [Fact]
    public async Task DidChange_waits_for_the_debounce_instead_of_publishing_at_once()
    {
        _sync.DidOpen(new DidOpenTextDocumentParams { TextDocument = new TextDocumentItem { Uri = Uri, Version = 1, Text = "A: orphan\n" } });
        await _publisher.ProcessQueuedAsync();

        _sync.DidChange(new DidChangeTextDocumentParams
        {
            TextDocument = new VersionedTextDocumentIdentifier { Uri = Uri, Version = 2 },
            ContentChanges = [new TextDocumentContentChangeEvent { Text = "Q: fixed?\n\nA: yes\n" }],
        });
        await _publisher.ProcessQueuedAsync();

        Assert.Equal(2, _store.Get(Uri)!.Version);
        await _client.Received(1).PublishDiagnosticsAsync(Arg.Any<PublishDiagnosticsParams>());
    }

    [Fact]
    public void DidChange_for_a_document_that_is_not_open_is_ignored()
    {
        _sync.DidChange(new DidChangeTextDocumentParams
        {
            TextDocument = new VersionedTextDocumentIdentifier { Uri = Uri, Version = 2 },
            ContentChanges = [new TextDocumentContentChangeEvent { Text = "Q: ?\n" }],
        });

        Assert.Null(_store.Get(Uri));
    }

    [Fact]
    public async Task Initialized_registers_the_deck_watcher_when_the_client_can()
    {
        var session = new ServerSession(new ServerOptions());
        session.Initialize(new InitializeParams
        {
            Capabilities = new ClientCapabilities
            {
                Workspace = new WorkspaceClientCapabilities { DidChangeWatchedFiles = new DynamicRegistrationCapability { DynamicRegistration = true } },
            },
        });
        var index = new WorkspaceIndex(NullLogger<WorkspaceIndex>.Instance);
        var indexer = new WorkspaceIndexer(index, _client, new ServerOptions(), NullLogger<WorkspaceIndexer>.Instance);
        var handler = new LifecycleHandler(session, indexer, _client, new HistoryWriter(NullLogger<HistoryWriter>.Instance), NullLogger<LifecycleHandler>.Instance);

        await handler.InitializedAsync(new InitializedParams());

        await _client.Received(1).RegisterCapabilityAsync(
            Arg.Is<RegistrationParams>(r => r.Registrations[0].Method == Methods.DidChangeWatchedFiles
                && r.Registrations[0].RegisterOptions!.Watchers[0].GlobPattern == "**/*.deck.md"),
            Arg.Any<CancellationToken>());
    }

    [Fact]
    public async Task Initialized_does_not_register_when_the_client_cannot()
    {
        var session = new ServerSession(new ServerOptions());
        session.Initialize(new InitializeParams());
        var index = new WorkspaceIndex(NullLogger<WorkspaceIndex>.Instance);
        var indexer = new WorkspaceIndexer(index, _client, new ServerOptions(), NullLogger<WorkspaceIndexer>.Instance);
        var handler = new LifecycleHandler(session, indexer, _client, new HistoryWriter(NullLogger<HistoryWriter>.Instance), NullLogger<LifecycleHandler>.Instance);

        await handler.InitializedAsync(new InitializedParams());

        await _client.DidNotReceiveWithAnyArgs().RegisterCapabilityAsync(default!, default);
    }

    [Theory]
    [InlineData(null, "/from/client.db")]
    [InlineData("/from/command/line.db", "/from/command/line.db")]
    public void Database_is_the_command_line_db_else_the_clients_databasePath(string? commandLine, string expected)
    {
        var session = new ServerSession(new ServerOptions { DatabasePath = commandLine });
        using var options = System.Text.Json.JsonDocument.Parse("""{ "databasePath": "/from/client.db" }""");

        session.Initialize(new InitializeParams { InitializationOptions = options.RootElement.Clone(), RootUri = "file:///tmp/ws" });

        Assert.Equal(expected, session.History.Database);
        Assert.Equal([Path.GetFullPath("/tmp/ws")], session.WorkspaceFolders);
    }

    [Theory]
    [InlineData("""{ }""", "Repository", null)]
    [InlineData("""{ "history": "user" }""", "User", null)]
    [InlineData("""{ "history": "elsewhere" }""", "Repository", "history must be")]
    public void History_place_comes_from_the_initialization_options(string json, string expected, string? problem)
    {
        var session = new ServerSession(new ServerOptions());
        using var options = System.Text.Json.JsonDocument.Parse(json);

        session.Initialize(new InitializeParams { InitializationOptions = options.RootElement.Clone() });

        Assert.Equal(expected, session.History.Place.ToString());
        Assert.Null(session.History.Database);
        if (problem is null)
        {
            Assert.Empty(session.ConfigurationProblems);
        }
        else
        {
            Assert.Contains(session.ConfigurationProblems, p => p.Contains(problem, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Legacy_databases_named_by_the_client_are_kept_for_migration()
    {
        var session = new ServerSession(new ServerOptions());
        using var options = System.Text.Json.JsonDocument.Parse("""{ "legacyDatabasePaths": ["/old/workspace/reviews.db", ""] }""");

        session.Initialize(new InitializeParams { InitializationOptions = options.RootElement.Clone() });

        Assert.Equal(["/old/workspace/reviews.db"], session.History.LegacyDatabases);
    }
}
