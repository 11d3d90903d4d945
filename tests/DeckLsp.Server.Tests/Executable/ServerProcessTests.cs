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

        var result = await server.Rpc.InvokeWithParameterObjectAsync<JsonElement>(Methods.Initialize, new InitializeParams()).WaitAsync(ServerProcess.Patience);
        await server.Rpc.NotifyWithParameterObjectAsync(Methods.Initialized, new { });
        await server.Rpc.NotifyWithParameterObjectAsync(Methods.DidOpen, new DidOpenTextDocumentParams
        {
            TextDocument = new TextDocumentItem { Uri = Uri, Version = 3, Text = "Q: Where is the answer?\n" },
        });
        var published = await diagnostics.Task.WaitAsync(ServerProcess.Patience);
        await server.Rpc.InvokeAsync<object?>(Methods.Shutdown).WaitAsync(ServerProcess.Patience);
        await server.Rpc.NotifyAsync(Methods.Exit);

        Assert.Equal("utf-16", result.GetProperty("capabilities").GetProperty("positionEncoding").GetString());
        Assert.Equal(3, published.GetProperty("version").GetInt32());
        Assert.Equal("DECK001", published.GetProperty("diagnostics")[0].GetProperty("code").GetString());
        Assert.Equal(0, await server.WaitForExitAsync());
    }

    [Fact]
    public async Task Server_process_turns_background_collections_off_for_itself()
    {
        using var server = ServerProcess.Start((string?)null, "--log-level", "Debug");
        server.Rpc.StartListening();
        await server.Rpc.InvokeWithParameterObjectAsync<JsonElement>(Methods.Initialize, new InitializeParams()).WaitAsync(ServerProcess.Patience);
        await server.Rpc.InvokeAsync<object?>(Methods.Shutdown).WaitAsync(ServerProcess.Patience);
        await server.Rpc.NotifyAsync(Methods.Exit);
        Assert.Equal(0, await server.WaitForExitAsync());

        // Batch: no background collections. The runtime starts in Interactive (background collections on, the next test).
        Assert.Contains(server.ErrorLines, line => line.EndsWith("Collector: latency mode Batch", StringComparison.Ordinal));
    }

    [Fact]
    public void The_command_line_keeps_the_runtime_s_background_collections_and_every_command_conserves_memory()
    {
        // Read at process start by every command: turning background collections off here (ConcurrentGarbageCollection
        // =false) would also raise generation 0's budget, which cost `decklsp check` about 100 MB at its peak
        // (docs/performance.md); the server turns them off for itself when it starts (the test above).
        var config = Path.Combine(AppContext.BaseDirectory, "DeckLsp.Server.runtimeconfig.json");
        using var json = JsonDocument.Parse(File.ReadAllText(config));
        var properties = json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.False(properties.TryGetProperty("System.GC.Concurrent", out var concurrent) && concurrent.ValueKind == JsonValueKind.False);
        Assert.Equal(5, properties.GetProperty("System.GC.ConserveMemory").GetInt32());
    }

    [Fact]
    public async Task Server_process_exits_with_1_on_exit_without_shutdown()
    {
        using var server = ServerProcess.Start();
        server.Rpc.StartListening();
        await server.Rpc.InvokeWithParameterObjectAsync<JsonElement>(Methods.Initialize, new InitializeParams()).WaitAsync(ServerProcess.Patience);

        await server.Rpc.NotifyAsync(Methods.Exit);

        Assert.Equal(1, await server.WaitForExitAsync());
    }

    [Fact]
    public async Task Diagnostics_delay_option_sets_how_long_diagnostics_wait_after_a_change()
    {
        using var server = ServerProcess.Start((string?)null, "--diagnostics-delay-ms", "600000");
        var versions = new System.Collections.Concurrent.ConcurrentQueue<int>();
        var published = new SemaphoreSlim(0);
        server.Rpc.AddLocalRpcTarget(new VersionListener(versions, published));
        server.Rpc.StartListening();
        await server.Rpc.InvokeWithParameterObjectAsync<JsonElement>(Methods.Initialize, new InitializeParams()).WaitAsync(ServerProcess.Patience);
        await server.Rpc.NotifyWithParameterObjectAsync(Methods.Initialized, new { });
        await server.Rpc.NotifyWithParameterObjectAsync(Methods.DidOpen, new DidOpenTextDocumentParams
        {
            TextDocument = new TextDocumentItem { Uri = Uri, Version = 1, Text = "Q: Where is the answer?\n" },
        });
        Assert.True(await published.WaitAsync(ServerProcess.Patience));

        // The default (150 ms) would have published this long ago; ten minutes have not passed.
        await server.Rpc.NotifyWithParameterObjectAsync(Methods.DidChange, new DidChangeTextDocumentParams
        {
            TextDocument = new VersionedTextDocumentIdentifier { Uri = Uri, Version = 2 },
            ContentChanges = [new TextDocumentContentChangeEvent { Text = "Q: Where is the answer?\nA: Here.\n" }],
        });
        Assert.False(await published.WaitAsync(TimeSpan.FromSeconds(1.5)));

        // A save publishes at once: the server was only waiting.
        await server.Rpc.NotifyWithParameterObjectAsync(Methods.DidSave, new DidSaveTextDocumentParams { TextDocument = new TextDocumentIdentifier { Uri = Uri } });
        Assert.True(await published.WaitAsync(ServerProcess.Patience));
        Assert.Equal([1, 2], versions.ToArray());
    }

    [Fact]
    public async Task A_negative_diagnostics_delay_is_a_usage_error()
    {
        var error = new StringWriter();
        var code = await DeckLsp.Server.Cli.DeckCommandLine.RunAsync(["--diagnostics-delay-ms", "-1"], new StringWriter(), error);

        Assert.Equal(DeckLsp.Server.Cli.DeckCommandLine.UsageError, code);
        Assert.Contains("--diagnostics-delay-ms", error.ToString());
    }

    private sealed class DiagnosticsListener(TaskCompletionSource<JsonElement> published)
    {
        [JsonRpcMethod(Methods.PublishDiagnostics, UseSingleObjectParameterDeserialization = true)]
        public void PublishDiagnostics(JsonElement parameters) => published.TrySetResult(parameters.Clone());
    }

    private sealed class VersionListener(System.Collections.Concurrent.ConcurrentQueue<int> versions, SemaphoreSlim published)
    {
        [JsonRpcMethod(Methods.PublishDiagnostics, UseSingleObjectParameterDeserialization = true)]
        public void PublishDiagnostics(JsonElement parameters)
        {
            versions.Enqueue(parameters.TryGetProperty("version", out var version) ? version.GetInt32() : -1);
            published.Release();
        }
    }
}
