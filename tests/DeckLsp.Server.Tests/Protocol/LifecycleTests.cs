using System.Text.Json;
using DeckLsp.Server.Handlers;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Tests.Executable;
using DeckLsp.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using PolyType;
using StreamJsonRpc;

namespace DeckLsp.Server.Tests.Protocol;

public sealed partial class LifecycleTests
{
    [Fact]
    public async Task Initialize_advertises_utf16_incremental_sync_and_every_feature()
    {
        await using var client = LspTestClient.Start();

        var result = await client.RequestAsync<JsonElement>(Methods.Initialize, new InitializeParams { Capabilities = new ClientCapabilities() });

        var capabilities = result.GetProperty("capabilities");
        Assert.Equal("utf-16", capabilities.GetProperty("positionEncoding").GetString());
        Assert.Equal(TextDocumentSyncKind.Incremental, capabilities.GetProperty("textDocumentSync").GetProperty("change").GetInt32());
        Assert.True(capabilities.GetProperty("textDocumentSync").GetProperty("openClose").GetBoolean());
        foreach (var provider in new[] { "hoverProvider", "documentSymbolProvider", "foldingRangeProvider", "workspaceSymbolProvider" })
        {
            Assert.True(capabilities.GetProperty(provider).GetBoolean(), provider);
        }

        Assert.True(capabilities.GetProperty("codeLensProvider").GetProperty("resolveProvider").GetBoolean());
        Assert.Equal(["quickfix"], capabilities.GetProperty("codeActionProvider").GetProperty("codeActionKinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(JsonValueKind.Object, capabilities.GetProperty("completionProvider").ValueKind);
        Assert.Equal("decklsp", result.GetProperty("serverInfo").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Shutdown_then_exit_ends_with_code_0()
    {
        await using var client = await LspTestClient.StartInitializedAsync();

        Assert.Equal(0, await client.ShutdownAndExitAsync());
    }

    [Fact]
    public async Task Exit_without_shutdown_ends_with_code_1()
    {
        await using var client = await LspTestClient.StartInitializedAsync();

        await client.Rpc.NotifyAsync(Methods.Exit);

        Assert.Equal(1, await client.ServerExit.WaitAsync(LspTestClient.Patience));
    }

    [Fact]
    public async Task Input_closing_without_exit_ends_with_code_1()
    {
        var client = await LspTestClient.StartInitializedAsync();

        await client.DisposeAsync();

        Assert.Equal(1, await client.ServerExit.WaitAsync(LspTestClient.Patience));
    }

    [Fact]
    public async Task Requests_before_initialize_get_ServerNotInitialized()
    {
        await using var client = LspTestClient.Start();

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() =>
            client.RequestForDocumentAsync<JsonElement>(Methods.DocumentSymbol, "file:///a.deck.md"));

        Assert.Equal(LspErrorCodes.ServerNotInitialized, error.ErrorCode);
        await client.InitializeAsync();
        Assert.Empty(await client.RequestForDocumentAsync<DocumentSymbol[]>(Methods.DocumentSymbol, "file:///a.deck.md"));
    }

    [Fact]
    public async Task Requests_after_shutdown_get_InvalidRequest()
    {
        await using var client = await LspTestClient.StartInitializedAsync();
        await client.Rpc.InvokeAsync<object?>(Methods.Shutdown);

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() =>
            client.RequestForDocumentAsync<JsonElement>(Methods.FoldingRange, "file:///a.deck.md"));

        Assert.Equal(LspErrorCodes.InvalidRequest, error.ErrorCode);
    }

    [Fact]
    public async Task Second_initialize_gets_InvalidRequest()
    {
        await using var client = await LspTestClient.StartInitializedAsync();

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() =>
            client.RequestAsync<JsonElement>(Methods.Initialize, new InitializeParams()));

        Assert.Equal(LspErrorCodes.InvalidRequest, error.ErrorCode);
    }

    [Fact]
    public async Task Unknown_method_gets_MethodNotFound()
    {
        await using var client = await LspTestClient.StartInitializedAsync();

        var code = await LspTestClient.ErrorCodeOf(() => client.RequestAsync<JsonElement>("textDocument/noSuchThing", new { }));

        Assert.Equal(LspErrorCodes.MethodNotFound, code);
    }

    public static TheoryData<string, object> MalformedHoverParams => new()
    {
        { "an object without the required members", new { foo = 1 } },
        { "a position that is not an object", new { textDocument = new { uri = "file:///a.deck.md" }, position = "start" } },
    };

    [Theory]
    [MemberData(nameof(MalformedHoverParams))]
    public async Task Hover_with_malformed_params_gets_InvalidParams(string what, object parameters)
    {
        await using var client = await LspTestClient.StartInitializedAsync();

        var code = await LspTestClient.ErrorCodeOf(() => client.RequestAsync<JsonElement>(Methods.Hover, parameters));

        Assert.True(code == LspErrorCodes.InvalidParams, $"{what}: got {code}");
    }

    [Fact]
    public async Task Hover_with_a_string_argument_gets_InvalidParams()
    {
        await using var client = await LspTestClient.StartInitializedAsync();

        var code = await LspTestClient.ErrorCodeOf(() =>
            client.Rpc.InvokeAsync<JsonElement>(Methods.Hover, "file:///a.deck.md").WaitAsync(LspTestClient.Patience));

        Assert.Equal(LspErrorCodes.InvalidParams, code);
    }

    [Fact]
    [Trait("Server", ServerUnderTest.InProcessOnly)]
    public async Task A_throwing_handler_answers_an_error_and_the_server_keeps_serving()
    {
        await using var client = LspTestClient.Start(configureServices: services => services.AddLspHandler<FaultyHandler, TestHandlerShapes>());
        await client.InitializeAsync();

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => client.RequestAsync<JsonElement>(FaultyHandler.Method, new { }));

        Assert.Equal(LspErrorCodes.InternalError, error.ErrorCode);
        Assert.Contains("deliberately broken", error.Message);
        await client.NotifyAsync(FaultyHandler.Notification, new { });
        await client.WaitForLogAsync(m => m.Contains(FaultyHandler.Notification) && m.Contains("deliberately broken"));
        Assert.Empty(await client.RequestForDocumentAsync<CodeLens[]>(Methods.CodeLens, "file:///not-open.deck.md"));
    }

    [Fact]
    [Trait("Server", ServerUnderTest.InProcessOnly)]
    public async Task Cancelled_request_answers_RequestCancelled()
    {
        await using var client = LspTestClient.Start(configureServices: services => services.AddLspHandler<FaultyHandler, TestHandlerShapes>());
        await client.InitializeAsync();
        using var cancel = new CancellationTokenSource();

        var call = client.Rpc.InvokeWithParameterObjectAsync<JsonElement>(FaultyHandler.Slow, new { }, cancel.Token);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(LspTestClient.Patience));
        Assert.Empty(await client.RequestForDocumentAsync<CodeLens[]>(Methods.CodeLens, "file:///not-open.deck.md"));
    }

    // The executable's own request that waits: without `initialized` the workspace is never indexed, so a symbol search
    // waits for the index until it is cancelled. The answer carries StreamJsonRpc's error data, which must serialize.
    [Fact]
    public async Task Cancelling_a_waiting_request_answers_it_and_the_server_keeps_serving()
    {
        await using var client = LspTestClient.Start();
        await client.RequestAsync<JsonElement>(Methods.Initialize, new InitializeParams { Capabilities = new ClientCapabilities() });
        using var cancel = new CancellationTokenSource();

        var call = client.Rpc.InvokeWithParameterObjectAsync<JsonElement>(Methods.WorkspaceSymbol, new WorkspaceSymbolParams { Query = "x" }, cancel.Token);
        cancel.CancelAfter(TimeSpan.FromMilliseconds(50));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(LspTestClient.Patience));
        Assert.Empty(await client.RequestForDocumentAsync<CodeLens[]>(Methods.CodeLens, "file:///not-open.deck.md"));
    }

    [GenerateShapeFor<FaultyHandler>(Kind = TypeShapeKind.None, IncludeMethods = MethodShapeFlags.PublicInstance)]
    internal sealed partial class TestHandlerShapes;

    /// <summary>A handler that fails on purpose, or waits until cancelled.</summary>
    internal sealed class FaultyHandler : ILspHandler
    {
        public const string Method = "test/fail";
        public const string Notification = "test/failQuietly";
        public const string Slow = "test/slow";

        [JsonRpcMethod(Method, UseSingleObjectParameterDeserialization = true)]
        public object Fail(JsonElement parameters) => throw new InvalidOperationException("deliberately broken");

        [JsonRpcMethod(Notification, UseSingleObjectParameterDeserialization = true)]
        public void FailQuietly(JsonElement parameters) => throw new InvalidOperationException("deliberately broken");

        [JsonRpcMethod(Slow, UseSingleObjectParameterDeserialization = true)]
        public async Task<object> SlowAsync(JsonElement parameters, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return new { };
        }
    }
}
