using DeckLsp.Server.Protocol;
using DeckLsp.Server.Hosting;
using DeckLsp.Server.Tests.Protocol;
using StreamJsonRpc;

namespace DeckLsp.Server.Tests.Executable;

/// <summary>The real server executable, spoken to over its stdin and stdout with the real framing.</summary>
internal sealed class ServerProcess : IDisposable
{
    /// <summary>
    /// How long a test waits for a real server process to answer: it starts cold (the runtime, compiling its code, its
    /// first database), and CI machines are busy. Only a hang should ever take this long.
    /// </summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly System.Diagnostics.Process _process;
    private readonly string? _ownFolder;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _errorLines = new();

    private ServerProcess(System.Diagnostics.Process process, string? ownFolder)
    {
        _process = process;
        _ownFolder = ownFolder;
        // Drained so that a chatty stderr can never block the server, and kept for the tests that read its logs.
        process.ErrorDataReceived += (_, line) =>
        {
            if (line.Data is { } data)
            {
                _errorLines.Enqueue(data);
            }
        };
        process.BeginErrorReadLine();
        var formatter = new SystemTextJsonFormatter();
        LspJson.Configure(formatter.JsonSerializerOptions);
        Rpc = new JsonRpc(new HeaderDelimitedMessageHandler(process.StandardInput.BaseStream, process.StandardOutput.BaseStream, formatter));
    }

    public JsonRpc Rpc { get; }

    /// <summary>The lines the server wrote to stderr so far (its logs).</summary>
    public IReadOnlyList<string> ErrorLines => [.. _errorLines];

    /// <summary>The server's stdin, for a client that writes bytes itself (<see cref="RawLspClient"/>) instead of <see cref="Rpc"/>.</summary>
    public Stream StandardInput => _process.StandardInput.BaseStream;

    /// <summary>The server's stdout.</summary>
    public Stream StandardOutput => _process.StandardOutput.BaseStream;

    /// <summary>Starts the server (<see cref="ServerUnderTest"/>) on <paramref name="database"/>, or on a database of its own, with any further options.</summary>
    public static ServerProcess Start(string? database = null, params string[] options)
    {
        // A database of its own is removed with the process; one the test names is the test's to keep.
        var ownFolder = database is null ? Directory.CreateTempSubdirectory("decklsp-db-").FullName : null;
        database ??= Path.Combine(ownFolder!, "reviews.db");
        return Start(new Dictionary<string, string>(), ["--db", database, .. options], ownFolder);
    }

    /// <summary>
    /// Starts the server as one machine would: with <paramref name="environment"/> added (<c>XDG_DATA_HOME</c>,
    /// <c>DECKLSP_DEVICE</c>) and no database named, so decks in a repository keep their history there.
    /// </summary>
    public static ServerProcess Start(IReadOnlyDictionary<string, string> environment, params string[] options) =>
        Start(environment, options, ownFolder: null);

    private static ServerProcess Start(IReadOnlyDictionary<string, string> environment, string[] options, string? ownFolder)
    {
        var start = ServerUnderTest.StartInfo(["--stdio", .. options]);
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = System.Diagnostics.Process.Start(start)!;
        return new ServerProcess(process, ownFolder);
    }

    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(Patience);
        return _process.ExitCode;
    }

    /// <summary>
    /// Takes the server through initialize (with <paramref name="rootUri"/> as the workspace, when given), opens the deck
    /// at <paramref name="path"/> and starts a session over all its cards; returns the session's id.
    /// </summary>
    public async Task<string> OpenAndStartAsync(string path, string? rootUri = null)
    {
        Rpc.StartListening();
        await Rpc.InvokeWithParameterObjectAsync<System.Text.Json.JsonElement>(Methods.Initialize, new InitializeParams { RootUri = rootUri })
            .WaitAsync(Patience);
        await Rpc.NotifyWithParameterObjectAsync(Methods.Initialized, new InitializedParams());
        var uri = new Uri(path).AbsoluteUri;
        await Rpc.NotifyWithParameterObjectAsync(Methods.DidOpen, new DidOpenTextDocumentParams
        {
            TextDocument = new TextDocumentItem { Uri = uri, Version = 1, Text = await File.ReadAllTextAsync(path) },
        });
        var step = await Rpc.InvokeWithParameterObjectAsync<System.Text.Json.JsonElement>(Methods.StartReview,
            new StartReviewParams { Uri = uri, Scope = "deck", Mode = "all" }).WaitAsync(Patience);
        return step.GetProperty("sessionId").GetString()!;
    }

    /// <summary>Rates the session's current card; the answer is the next step.</summary>
    public Task<System.Text.Json.JsonElement> RateAsync(string session, int rating) =>
        Rpc.InvokeWithParameterObjectAsync<System.Text.Json.JsonElement>(Methods.Rate, new RateParams { SessionId = session, Rating = rating, DurationMs = 900 })
            .WaitAsync(Patience);

    /// <summary>SIGKILL: no shutdown, no flush, no finally blocks.</summary>
    public void KillHard() => _process.Kill();

    /// <summary>
    /// Rates (with <paramref name="rate"/>, given the rating's index) one rating after another and kills the process
    /// with SIGKILL once <paramref name="before"/> ratings were answered, while more are on their way. Returns how many
    /// were answered: the ratings the server promised to keep.
    /// </summary>
    public async Task<int> KillDuringRatingsAsync(Func<int, Task> rate, int ratings, int before)
    {
        var acknowledged = 0;
        var loop = Task.Run(async () =>
        {
            try
            {
                for (var i = 0; i < ratings; i++)
                {
                    await rate(i);
                    Interlocked.Increment(ref acknowledged);
                }
            }
            catch (Exception)
            {
                // The connection dies with the process: the ratings not answered are the ones not promised.
            }
        });
        await LspTestClient.WaitForAsync(() => Volatile.Read(ref acknowledged) >= before ? "enough" : null, $"{before} acknowledged ratings", Patience);
        KillHard();
        await loop.WaitAsync(Patience);
        return Volatile.Read(ref acknowledged);
    }

    public void Dispose()
    {
        Rpc.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(LspTestClient.Patience);
        }

        _process.Dispose();
        if (_ownFolder is not null)
        {
            Directory.Delete(_ownFolder, recursive: true);
        }
    }
}
