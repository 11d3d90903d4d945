using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DeckLsp.Server.Hosting;
using DeckLsp.Server.Protocol;
using DeckLsp.Server.Tests.Executable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nerdbank.Streams;
using StreamJsonRpc;

namespace DeckLsp.Server.Tests.Protocol;

/// <summary>
/// An LSP client joined to an in-process server by an in-memory duplex stream, over the real header-delimited JSON-RPC
/// framing, or to the executable named by <see cref="ServerUnderTest.Variable"/> over its stdin and stdout. It answers
/// the server's requests (registerCapability, workDoneProgress/create) and records every notification.
/// </summary>
internal sealed class LspTestClient : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly Stream _stream;
    private readonly Process? _process;
    private readonly List<(string Method, JsonElement Params)> _received = [];

    private LspTestClient(Stream sending, Stream receiving, Task<int> serverExit, Process? process = null)
    {
        _stream = sending;
        _process = process;
        ServerExit = serverExit;
        var formatter = new SystemTextJsonFormatter();
        LspJson.Configure(formatter.JsonSerializerOptions);
        Rpc = new JsonRpc(new HeaderDelimitedMessageHandler(sending, receiving, formatter));
        Rpc.AddLocalRpcTarget(new ClientTarget(this), new JsonRpcTargetOptions { UseSingleObjectParameterDeserialization = true });
        Rpc.StartListening();
    }

    public JsonRpc Rpc { get; }

    /// <summary>
    /// How the user answers a <c>window/showMessageRequest</c> (its params): the title of the action chosen, or null to
    /// dismiss the prompt. By default every prompt is dismissed.
    /// </summary>
    public Func<JsonElement, string?> AnswerMessageRequest { get; set; } = _ => null;

    /// <summary>The review database this client's server writes to.</summary>
    public string DatabasePath { get; private init; } = "";

    /// <summary>The server's exit code, once it stops.</summary>
    public Task<int> ServerExit { get; }

    public static LspTestClient Start(ServerOptions? options = null, Action<IServiceCollection>? configureServices = null)
    {
        options ??= new ServerOptions { DiagnosticsDelay = TimeSpan.FromMilliseconds(50) };

        // Never the user's own history: each client gets a database of its own unless the test names one.
        var database = options.DatabasePath ?? Path.Combine(RunFolders.Create("decklsp-db-"), "reviews.db");
        options = options with { LogToStandardError = false, LogLevel = LogLevel.Debug, DatabasePath = database };
        if (ServerUnderTest.Executable is not null)
        {
            return StartProcess(options, configureServices);
        }

        var (clientStream, serverStream) = FullDuplexStream.CreatePair();
        var exit = Task.Run(() => LanguageServerHost.RunAsync(serverStream, serverStream, options, configureServices, CancellationToken.None));
        return new LspTestClient(clientStream, clientStream, exit) { DatabasePath = database };
    }

    // The same options, as the executable's command line.
    private static LspTestClient StartProcess(ServerOptions options, Action<IServiceCollection>? configureServices)
    {
        if (configureServices is not null)
        {
            throw new InvalidOperationException(
                $"This test injects services, which only the in-process server takes: mark it [Trait(\"Server\", \"{ServerUnderTest.InProcessOnly}\")].");
        }

        var process = Process.Start(ServerUnderTest.StartInfo(
        [
            "--stdio",
            "--db", options.DatabasePath!,
            "--diagnostics-delay-ms", ((int)options.DiagnosticsDelay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
            "--log-level", options.LogLevel.ToString(),
            "--index-progress-threshold", options.IndexProgressThreshold.ToString(CultureInfo.InvariantCulture),
        ]))!;
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        var exit = process.WaitForExitAsync().ContinueWith(_ => process.ExitCode, TaskScheduler.Default);
        return new LspTestClient(process.StandardInput.BaseStream, process.StandardOutput.BaseStream, exit, process)
        {
            DatabasePath = options.DatabasePath!,
        };
    }

    /// <summary>Starts a server and takes it through <c>initialize</c> and <c>initialized</c>.</summary>
    public static async Task<LspTestClient> StartInitializedAsync(string? rootUri = null, ClientCapabilities? capabilities = null, ServerOptions? options = null,
        object? initializationOptions = null)
    {
        var client = Start(options);
        await client.InitializeAsync(rootUri, capabilities, initializationOptions);
        return client;
    }

    public async Task<InitializeResult> InitializeAsync(string? rootUri = null, ClientCapabilities? capabilities = null, object? initializationOptions = null)
    {
        var result = await RequestAsync<InitializeResult>(Methods.Initialize, new InitializeParams
        {
            ProcessId = Environment.ProcessId,
            RootUri = rootUri,
            Capabilities = capabilities ?? new ClientCapabilities(),
            InitializationOptions = initializationOptions is null ? null : JsonSerializer.SerializeToElement(initializationOptions),
        });
        await NotifyAsync(Methods.Initialized, new { });
        return result;
    }

    public Task<T> RequestAsync<T>(string method, object parameters) =>
        Rpc.InvokeWithParameterObjectAsync<T>(method, parameters).WaitAsync(Patience);

    public Task NotifyAsync(string method, object parameters) => Rpc.NotifyWithParameterObjectAsync(method, parameters);

    public Task OpenAsync(string uri, string text, int version = 1) =>
        NotifyAsync(Methods.DidOpen, new DidOpenTextDocumentParams
        {
            TextDocument = new TextDocumentItem { Uri = uri, LanguageId = "markdown", Version = version, Text = text },
        });

    public Task ChangeAsync(string uri, int version, params TextDocumentContentChangeEvent[] changes) =>
        NotifyAsync(Methods.DidChange, new DidChangeTextDocumentParams
        {
            TextDocument = new VersionedTextDocumentIdentifier { Uri = uri, Version = version },
            ContentChanges = changes,
        });

    public Task<T> RequestForDocumentAsync<T>(string method, string uri) =>
        RequestAsync<T>(method, new DocumentParams { TextDocument = new TextDocumentIdentifier { Uri = uri } });

    /// <summary>
    /// The document's code lenses as an editor shows them: <c>textDocument/codeLens</c>, then <c>codeLens/resolve</c> of
    /// each (the server answers the first with ranges and data only).
    /// </summary>
    public async Task<T[]> ResolvedLensesAsync<T>(string uri)
    {
        var lenses = await RequestForDocumentAsync<JsonElement[]>(Methods.CodeLens, uri);
        return await Task.WhenAll(lenses.Select(lens => RequestAsync<T>(Methods.CodeLensResolve, lens)));
    }

    public async Task<int> ShutdownAndExitAsync()
    {
        await Rpc.InvokeAsync<object?>(Methods.Shutdown).WaitAsync(Patience);
        await Rpc.NotifyAsync(Methods.Exit);
        return await ServerExit.WaitAsync(Patience);
    }

    /// <summary>Every publishDiagnostics received for the URI so far.</summary>
    public IReadOnlyList<PublishDiagnosticsParams> DiagnosticsFor(string uri) =>
        Received(Methods.PublishDiagnostics).Select(p => p.Deserialize<PublishDiagnosticsParams>()!).Where(p => p.Uri == uri).ToList();

    public IReadOnlyList<JsonElement> Received(string method)
    {
        lock (_received)
        {
            return _received.Where(r => r.Method == method).Select(r => r.Params).ToList();
        }
    }

    /// <summary>Waits for a publishDiagnostics for the URI that satisfies the condition (the first one when none is given).</summary>
    public Task<PublishDiagnosticsParams> WaitForDiagnosticsAsync(string uri, Func<PublishDiagnosticsParams, bool>? condition = null, int after = 0) =>
        WaitForAsync(() => DiagnosticsFor(uri).Skip(after).FirstOrDefault(p => condition?.Invoke(p) ?? true), $"diagnostics for {uri}");

    public Task<string> WaitForLogAsync(Func<string, bool> condition) =>
        WaitForAsync(() => Received(Methods.LogMessage).Select(p => p.GetProperty("message").GetString()!).FirstOrDefault(condition), "a log message");

    /// <summary>The error code the server answered a call with; fails when the call succeeded.</summary>
    public static async Task<int> ErrorCodeOf(Func<Task> call)
    {
        try
        {
            await call();
        }
        catch (RemoteInvocationException e)
        {
            return e.ErrorCode;
        }
        catch (RemoteMethodNotFoundException e)
        {
            return (int)e.ErrorCode;
        }

        throw new Xunit.Sdk.XunitException("The call succeeded; an error was expected.");
    }

    /// <summary>Polls until <paramref name="find"/> finds something, for at most <paramref name="patience"/> (default <see cref="Patience"/>).</summary>
    public static async Task<T> WaitForAsync<T>(Func<T?> find, string what, TimeSpan? patience = null)
    {
        var deadline = DateTime.UtcNow + (patience ?? Patience);
        while (true)
        {
            if (find() is { } found)
            {
                return found;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {(patience ?? Patience).TotalSeconds} s for {what}.");
            }

            await Task.Delay(10);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Rpc.Dispose();
        await _stream.DisposeAsync();
        await ServerExit.WaitAsync(Patience).ContinueWith(_ => { });
        if (_process is not null)
        {
            if (!_process.HasExited)
            {
                _process.Kill();
            }

            _process.Dispose();
        }
    }

    private void Record(string method, JsonElement parameters)
    {
        lock (_received)
        {
            _received.Add((method, parameters.Clone()));
        }
    }

    /// <summary>The client side of the protocol: what the server may call.</summary>
    private sealed class ClientTarget(LspTestClient client)
    {
        [JsonRpcMethod(Methods.PublishDiagnostics, UseSingleObjectParameterDeserialization = true)]
        public void PublishDiagnostics(JsonElement parameters) => client.Record(Methods.PublishDiagnostics, parameters);

        [JsonRpcMethod(Methods.LogMessage, UseSingleObjectParameterDeserialization = true)]
        public void LogMessage(JsonElement parameters) => client.Record(Methods.LogMessage, parameters);

        [JsonRpcMethod(Methods.Progress, UseSingleObjectParameterDeserialization = true)]
        public void Progress(JsonElement parameters) => client.Record(Methods.Progress, parameters);

        [JsonRpcMethod(Methods.ShowMessage, UseSingleObjectParameterDeserialization = true)]
        public void ShowMessage(JsonElement parameters) => client.Record(Methods.ShowMessage, parameters);

        [JsonRpcMethod(Methods.CardChanged, UseSingleObjectParameterDeserialization = true)]
        public void CardChanged(JsonElement parameters) => client.Record(Methods.CardChanged, parameters);

        [JsonRpcMethod(Methods.CountsChanged, UseSingleObjectParameterDeserialization = true)]
        public void CountsChanged(JsonElement parameters) => client.Record(Methods.CountsChanged, parameters);

        [JsonRpcMethod(Methods.RegisterCapability, UseSingleObjectParameterDeserialization = true)]
        public object? RegisterCapability(JsonElement parameters)
        {
            client.Record(Methods.RegisterCapability, parameters);
            return null;
        }

        [JsonRpcMethod(Methods.CodeLensRefresh)]
        public object? CodeLensRefresh()
        {
            client.Record(Methods.CodeLensRefresh, JsonDocument.Parse("null").RootElement);
            return null;
        }

        [JsonRpcMethod(Methods.InlayHintRefresh)]
        public object? InlayHintRefresh()
        {
            client.Record(Methods.InlayHintRefresh, JsonDocument.Parse("null").RootElement);
            return null;
        }

        [JsonRpcMethod(Methods.ShowMessageRequest, UseSingleObjectParameterDeserialization = true)]
        public object? ShowMessageRequest(JsonElement parameters)
        {
            client.Record(Methods.ShowMessageRequest, parameters);
            return client.AnswerMessageRequest(parameters) is { } title ? new MessageActionItem { Title = title } : null;
        }

        [JsonRpcMethod(Methods.CreateWorkDoneProgress, UseSingleObjectParameterDeserialization = true)]
        public object? CreateWorkDoneProgress(JsonElement parameters)
        {
            client.Record(Methods.CreateWorkDoneProgress, parameters);
            return null;
        }
    }
}
