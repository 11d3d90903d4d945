using DeckLsp.Server.Hosting;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Workspace;
using Microsoft.Extensions.Logging.Abstractions;
using NSubstitute;

namespace DeckLsp.Server.Tests.Handlers;

/// <summary>The publisher and the sync handler against a fake client: what is sent, not how it travels.</summary>
public sealed class DiagnosticsPublisherTests
{
    private const string Uri = "file:///tmp/unit.deck.md";

    private readonly ILanguageClient _client = Substitute.For<ILanguageClient>();
    private readonly DocumentStore _store = new();
    private readonly DiagnosticsPublisher _publisher;

    public DiagnosticsPublisherTests() =>
        _publisher = new DiagnosticsPublisher(_store, _client, new ServerOptions(), NullLogger<DiagnosticsPublisher>.Instance);

    [Fact]
    public async Task Question_without_answer_is_published_as_DECK001()
    {
        _store.Open(Uri, 4, "Q: Alone\n");

        _publisher.PublishNow(Uri);
        await _publisher.ProcessQueuedAsync();

        await _client.Received(1).PublishDiagnosticsAsync(Arg.Is<PublishDiagnosticsParams>(p =>
            p.Uri == Uri && p.Version == 4 && p.Diagnostics.Length == 1 && p.Diagnostics[0].Code == "DECK001"));
    }

    [Fact]
    public async Task Identical_diagnostics_are_published_once()
    {
        _store.Open(Uri, 1, "Q: Alone\n");
        _publisher.PublishNow(Uri);
        await _publisher.ProcessQueuedAsync();

        _store.Change(Uri, 2, [new TextDocumentContentChangeEvent { Text = "Q: Alone, still\n" }]);
        _publisher.PublishNow(Uri);
        await _publisher.ProcessQueuedAsync();

        await _client.Received(1).PublishDiagnosticsAsync(Arg.Any<PublishDiagnosticsParams>());
    }

    [Fact]
    public async Task A_later_request_supersedes_an_earlier_one()
    {
        _store.Open(Uri, 1, "Q: Alone\n");
        _publisher.PublishNow(Uri);
        _store.Change(Uri, 2, [new TextDocumentContentChangeEvent { Text = "Q: Answered\n\nA: yes\n" }]);
        _publisher.PublishNow(Uri);

        await _publisher.ProcessQueuedAsync();

        await _client.Received(1).PublishDiagnosticsAsync(Arg.Is<PublishDiagnosticsParams>(p => p.Version == 2 && p.Diagnostics.Length == 0));
    }

    [Fact]
    public async Task Clear_publishes_an_empty_list_without_version_and_a_reopen_publishes_again()
    {
        _store.Open(Uri, 1, "Q: Alone\n");
        _publisher.PublishNow(Uri);
        await _publisher.ProcessQueuedAsync();

        _store.Close(Uri);
        _publisher.Clear(Uri);
        _store.Open(Uri, 1, "Q: Alone\n");
        _publisher.PublishNow(Uri);
        await _publisher.ProcessQueuedAsync();

        Received.InOrder(() =>
        {
            _client.PublishDiagnosticsAsync(Arg.Is<PublishDiagnosticsParams>(p => p.Diagnostics.Length == 1));
            _client.PublishDiagnosticsAsync(Arg.Is<PublishDiagnosticsParams>(p => p.Diagnostics.Length == 0 && p.Version == null));
            _client.PublishDiagnosticsAsync(Arg.Is<PublishDiagnosticsParams>(p => p.Diagnostics.Length == 1));
        });
    }

    [Fact]
    public async Task A_failing_client_is_logged_and_later_documents_still_publish()
    {
        _client.PublishDiagnosticsAsync(Arg.Is<PublishDiagnosticsParams>(p => p.Uri == Uri)).Returns(Task.FromException(new IOException("pipe broke")));
        _store.Open(Uri, 1, "Q: Alone\n");
        _store.Open("file:///tmp/other.deck.md", 1, "A: orphan\n");

        _publisher.PublishNow(Uri);
        _publisher.PublishNow("file:///tmp/other.deck.md");
        await _publisher.ProcessQueuedAsync();

        await _client.Received(1).PublishDiagnosticsAsync(Arg.Is<PublishDiagnosticsParams>(p => p.Uri == "file:///tmp/other.deck.md"));
    }
}
