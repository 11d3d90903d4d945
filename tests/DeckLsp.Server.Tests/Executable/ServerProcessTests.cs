using System.Diagnostics;
using System.Text.Json;
using DeckLsp.Server.Hosting;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Tests.Protocol;
using StreamJsonRpc;

namespace DeckLsp.Server.Tests.Executable;

/// <summary>The real executable, spoken to over its stdin and stdout.</summary>
public sealed class ServerProcessTests
{
    private const string Uri = "file:///tmp/process.deck.md";

    [Fact]
    public async Task Server_process_publishes_diagnostics_and_exits_with_0_after_shutdown()
    {
        using var server = ServerProcess.Start();
        var diagnostics = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        server.Rpc.AddLocalRpcTarget(new DiagnosticsListener(diagnostics));
        server.Rpc.StartListening();

        var result = await server.Rpc.InvokeWithParameterObjectAsync<JsonElement>(Methods.Initialize, new InitializeParams()).WaitAsync(LspTestClient.Patience);
        await server.Rpc.NotifyWithParameterObjectAsync(Methods.Initialized, new { });
        await server.Rpc.NotifyWithParameterObjectAsync(Methods.DidOpen, new DidOpenTextDocumentParams
        {
            TextDocument = new TextDocumentItem { Uri = Uri, Version = 3, Text = "Q: Where is the answer?\n" },
        });
        var published = await diagnostics.Task.WaitAsync(LspTestClient.Patience);
        await server.Rpc.InvokeAsync<object?>(Methods.Shutdown).WaitAsync(LspTestClient.Patience);
        await server.Rpc.NotifyAsync(Methods.Exit);

        Assert.Equal("utf-16", result.GetProperty("capabilities").GetProperty("positionEncoding").GetString());
        Assert.Equal(3, published.GetProperty("version").GetInt32());
        Assert.Equal("DECK001", published.GetProperty("diagnostics")[0].GetProperty("code").GetString());
        Assert.Equal(0, await server.WaitForExitAsync());
    }

    [Fact]
    public async Task Server_process_exits_with_1_on_exit_without_shutdown()
    {
        using var server = ServerProcess.Start();
        server.Rpc.StartListening();
        await server.Rpc.InvokeWithParameterObjectAsync<JsonElement>(Methods.Initialize, new InitializeParams()).WaitAsync(LspTestClient.Patience);

        await server.Rpc.NotifyAsync(Methods.Exit);

        Assert.Equal(1, await server.WaitForExitAsync());
    }

    private sealed class DiagnosticsListener(TaskCompletionSource<JsonElement> published)
    {
        [JsonRpcMethod(Methods.PublishDiagnostics, UseSingleObjectParameterDeserialization = true)]
        public void PublishDiagnostics(JsonElement parameters) => published.TrySetResult(parameters.Clone());
    }
}
