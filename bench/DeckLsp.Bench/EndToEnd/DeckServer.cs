using System.Diagnostics;
using System.Text.Json.Nodes;

namespace DeckLsp.Bench.EndToEnd;

/// <summary>The real DeckLsp server process with an editor's bookkeeping on top: versions, publications, progress.</summary>
public sealed class DeckServer : IAsyncDisposable
{
    private readonly Dictionary<(string Uri, int Version), TaskCompletionSource<LspProcess.Received>> _waiting = [];
    private readonly Dictionary<(string Uri, int Version), LspProcess.Received> _published = [];
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource<long> _progressEnd = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private DeckServer(LspProcess process, string database)
    {
        Process = process;
        Database = database;
        process.OnMessage(Received);
    }

    public LspProcess Process { get; }

    public string Database { get; }

    /// <summary>How many <c>$/progress</c> notifications arrived (begin, reports, end).</summary>
    public int ProgressCount { get; private set; }

    /// <summary>When <c>$/progress</c> said "end" (Stopwatch ticks).</summary>
    public Task<long> ProgressEnd => _progressEnd.Task;

    /// <summary>
    /// Starts `server --stdio --db database [extra]` without initializing: a native executable as it is, a .dll with
    /// `dotnet`.
    /// </summary>
    public static DeckServer Spawn(BenchSetup setup, string server, string database, params string[] extra) =>
        new(LspProcess.Start(Command(server).FileName, [.. Command(server).Prefix, "--stdio", "--db", database, .. extra]), database);

    /// <summary>How a server build is started: `dotnet X.dll …` or `X …`.</summary>
    public static (string FileName, string[] Prefix) Command(string server) =>
        server.EndsWith(".dll", StringComparison.OrdinalIgnoreCase) ? ("dotnet", [server]) : (server, []);

    /// <summary>Starts the server (the normal build unless <paramref name="server"/> names another) and initializes it; <paramref name="delayMs"/> is the diagnostics debounce.</summary>
    public static async Task<DeckServer> StartAsync(BenchSetup setup, int delayMs, string? workspace = null, string? server = null)
    {
        var database = setup.TempFile("reviews.db");
        var started = Spawn(setup, server ?? setup.ServerDll, database, "--diagnostics-delay-ms", delayMs.ToString());
        await started.InitializeAsync(workspace);
        return started;
    }

    public async Task<LspProcess.Received> InitializeAsync(string? workspace = null)
    {
        var folders = workspace is null ? null : new JsonArray(new JsonObject { ["uri"] = new Uri(workspace).AbsoluteUri, ["name"] = "bench" });
        var response = await Process.Request("initialize", new JsonObject
        {
            ["processId"] = Environment.ProcessId,
            ["rootUri"] = null,
            ["workspaceFolders"] = folders,
            ["capabilities"] = new JsonObject
            {
                ["window"] = new JsonObject { ["workDoneProgress"] = true },
                ["workspace"] = new JsonObject { ["didChangeWatchedFiles"] = new JsonObject { ["dynamicRegistration"] = true } },
                ["general"] = new JsonObject { ["positionEncodings"] = new JsonArray("utf-16") },
            },
        }).WaitAsync(TimeSpan.FromSeconds(60));
        if (response.Message["error"] is { } error)
        {
            throw new InvalidOperationException($"initialize failed: {error.ToJsonString()}\n{Process.StandardError}");
        }

        return response;
    }

    public long Initialized() => Process.Notify("initialized", new JsonObject());

    public long Open(string uri, string text, int version = 1) => Process.Notify("textDocument/didOpen", new JsonObject
    {
        ["textDocument"] = new JsonObject { ["uri"] = uri, ["languageId"] = "markdown", ["version"] = version, ["text"] = text },
    });

    public long Close(string uri) => Process.Notify("textDocument/didClose", new JsonObject
    {
        ["textDocument"] = new JsonObject { ["uri"] = uri },
    });

    /// <summary>Sends one incremental change (an LSP range in the text before it).</summary>
    public long Change(string uri, int version, BenchEdit edit) => Process.Notify("textDocument/didChange", new JsonObject
    {
        ["textDocument"] = new JsonObject { ["uri"] = uri, ["version"] = version },
        ["contentChanges"] = new JsonArray(new JsonObject
        {
            ["range"] = new JsonObject
            {
                ["start"] = new JsonObject { ["line"] = edit.Start.Line, ["character"] = edit.Start.Character },
                ["end"] = new JsonObject { ["line"] = edit.End.Line, ["character"] = edit.End.Character },
            },
            ["text"] = edit.NewText,
        }),
    });

    public Task<LspProcess.Received> DocumentRequest(string method, string uri, out long sentAt, JsonObject? extra = null)
    {
        var parameters = new JsonObject { ["textDocument"] = new JsonObject { ["uri"] = uri } };
        foreach (var (key, value) in extra ?? [])
        {
            parameters[key] = value?.DeepClone();
        }

        return Process.Request(method, parameters, out sentAt);
    }

    /// <summary>The publication of <paramref name="uri"/> at <paramref name="version"/>, whenever it comes (or came).</summary>
    public Task<LspProcess.Received> Published(string uri, int version)
    {
        lock (_gate)
        {
            if (_published.Remove((uri, version), out var already))
            {
                return Task.FromResult(already);
            }

            var completion = new TaskCompletionSource<LspProcess.Received>(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting[(uri, version)] = completion;
            return completion.Task;
        }
    }

    public async Task ShutDown() => await Process.ShutDown();

    public ValueTask DisposeAsync() => Process.DisposeAsync();

    private void Received(LspProcess.Received received)
    {
        switch (received.Method)
        {
            case "textDocument/publishDiagnostics":
                var uri = received.Params!["uri"]!.GetValue<string>();
                var version = received.Params["version"]?.GetValue<int>() ?? -1;
                lock (_gate)
                {
                    if (_waiting.Remove((uri, version), out var waiter))
                    {
                        waiter.TrySetResult(received);
                    }
                    else
                    {
                        _published[(uri, version)] = received;
                    }
                }

                break;
            case "$/progress":
                ProgressCount++;
                if (received.Params?["value"]?["kind"]?.GetValue<string>() == "end")
                {
                    _progressEnd.TrySetResult(received.Timestamp);
                }

                break;
        }
    }
}

/// <summary>An edit as an editor sends it: a range in line/character and the new text.</summary>
public sealed record BenchEdit(DeckLsp.Core.Text.LinePosition Start, DeckLsp.Core.Text.LinePosition End, string NewText);

/// <summary>Milliseconds between two Stopwatch timestamps.</summary>
public static class Ticks
{
    public static double Ms(long from, long to) => (to - from) * 1000.0 / Stopwatch.Frequency;
}
