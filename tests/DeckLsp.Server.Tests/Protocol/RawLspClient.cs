using System.Text;
using System.Text.Json;
using DeckLsp.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Nerdbank.Streams;

namespace DeckLsp.Server.Tests.Protocol;

/// <summary>
/// A client that writes bytes, not messages: anything, well-formed or not, framed or not, goes to the server over the
/// real header framing. It reads every frame the server sends, answers the server's own requests with <c>null</c>, and
/// finds the responses by id.
/// </summary>
internal sealed class RawLspClient : IAsyncDisposable
{
    private readonly Stream _reading;
    private readonly Stream _writing;
    private readonly List<JsonElement> _received = [];
    private readonly Task _readLoop;
    private readonly string? _ownFolder;
    private readonly SemaphoreSlim _writeGate = new(1);

    private RawLspClient(Stream reading, Stream writing, Task<int>? serverExit, string? ownFolder)
    {
        _reading = reading;
        _writing = writing;
        _ownFolder = ownFolder;
        ServerExit = serverExit;
        _readLoop = Task.Run(ReadAllAsync);
    }

    /// <summary>The in-process server's exit code, once it stops (null over a real process).</summary>
    public Task<int>? ServerExit { get; }

    /// <summary>The server's input ended: it answers nothing more.</summary>
    public bool Closed { get; private set; }

    /// <summary>A server in this process, on a review database of its own that is removed with the client.</summary>
    public static RawLspClient StartInProcess(ServerOptions? options = null, Action<IServiceCollection>? configureServices = null)
    {
        var (clientStream, serverStream) = FullDuplexStream.CreatePair();
        var folder = Directory.CreateTempSubdirectory("decklsp-raw-").FullName;
        options = (options ?? new ServerOptions()) with
        {
            LogToStandardError = false,
            LogLevel = LogLevel.Debug,
            DatabasePath = Path.Combine(folder, "reviews.db"),
            DiagnosticsDelay = TimeSpan.FromMilliseconds(20),
        };
        var exit = Task.Run(() => LanguageServerHost.RunAsync(serverStream, serverStream, options, configureServices, CancellationToken.None));
        return new RawLspClient(clientStream, clientStream, exit, folder);
    }

    /// <summary>Over a real process's stdout (read) and stdin (written).</summary>
    public static RawLspClient Over(Stream serverOutput, Stream serverInput) => new(serverOutput, serverInput, null, null);

    public static byte[] Frame(byte[] body) => [.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"), .. body];

    public static byte[] Frame(string body) => Frame(Encoding.UTF8.GetBytes(body));

    /// <summary>Writes bytes exactly as given: a frame, part of one, or anything else.</summary>
    public async Task SendRawAsync(byte[] bytes)
    {
        await _writeGate.WaitAsync();
        try
        {
            await _writing.WriteAsync(bytes);
            await _writing.FlushAsync();
        }
        finally
        {
            _writeGate.Release();
        }
    }

    public Task SendAsync(string body) => SendRawAsync(Frame(body));

    public Task NotifyAsync(string method, string parameters) =>
        SendAsync($$"""{"jsonrpc":"2.0","method":"{{method}}","params":{{parameters}}}""");

    /// <summary>Sends a request and waits for its answer (result or error).</summary>
    public async Task<JsonElement> RequestAsync(long id, string method, string parameters = "{}")
    {
        await SendAsync($$"""{"jsonrpc":"2.0","id":{{id}},"method":"{{method}}","params":{{parameters}}}""");
        return await ResponseAsync(id);
    }

    /// <summary><c>initialize</c>, then <c>initialized</c> unless told not to (which keeps the workspace index unbuilt).</summary>
    public async Task InitializeAsync(long id = 1_000_000, bool initialized = true)
    {
        await RequestAsync(id, "initialize", """{"processId":null,"rootUri":null,"capabilities":{}}""");
        if (initialized)
        {
            await NotifyAsync("initialized", "{}");
        }
    }

    /// <summary>The answer to the request with this id.</summary>
    public async Task<JsonElement> ResponseAsync(long id) =>
        (await LspTestClient.WaitForAsync(
            () => Responses().Where(r => r.ValueKind == JsonValueKind.Object && r.TryGetProperty("id", out var i)
                && i.ValueKind == JsonValueKind.Number && i.GetInt64() == id).Select(r => new[] { r }).FirstOrDefault(),
            $"the answer to request {id}"))[0];

    /// <summary>Every message the server sent that is a response (or an array of them, for a batch), in order.</summary>
    public IReadOnlyList<JsonElement> Responses()
    {
        lock (_received)
        {
            return _received.Where(m => m.ValueKind == JsonValueKind.Array || !m.TryGetProperty("method", out _)).ToList();
        }
    }

    /// <summary>Every notification of this method the server sent, their params.</summary>
    public IReadOnlyList<JsonElement> Notifications(string method)
    {
        lock (_received)
        {
            return _received.Where(m => m.ValueKind == JsonValueKind.Object && !m.TryGetProperty("id", out _)
                && m.TryGetProperty("method", out var name) && name.GetString() == method).Select(m => m.GetProperty("params")).ToList();
        }
    }

    /// <summary>Waits until <paramref name="count"/> responses with <c>"id": null</c> have come, and returns them.</summary>
    public async Task<IReadOnlyList<JsonElement>> NullIdErrorsAsync(int count) =>
        await LspTestClient.WaitForAsync(() =>
        {
            var found = Responses().Where(r => r.ValueKind == JsonValueKind.Object && r.GetProperty("id").ValueKind == JsonValueKind.Null).ToList();
            return found.Count >= count ? found : null;
        }, $"{count} errors with a null id");

    public async ValueTask DisposeAsync()
    {
        await _writing.DisposeAsync();
        await _reading.DisposeAsync();
        await _readLoop.ContinueWith(_ => { });
        if (ServerExit is not null)
        {
            await ServerExit.WaitAsync(LspTestClient.Patience).ContinueWith(_ => { });
        }

        if (_ownFolder is not null)
        {
            Directory.Delete(_ownFolder, recursive: true);
        }
    }

    private async Task ReadAllAsync()
    {
        try
        {
            while (await ReadFrameAsync() is { } body)
            {
                var message = JsonDocument.Parse(body).RootElement.Clone();
                lock (_received)
                {
                    _received.Add(message);
                }

                // The server's own requests (registerCapability, codeLens/refresh…) get an empty answer.
                if (message.ValueKind == JsonValueKind.Object && message.TryGetProperty("method", out _) && message.TryGetProperty("id", out var id))
                {
                    await SendAsync($$"""{"jsonrpc":"2.0","id":{{id.GetRawText()}},"result":null}""");
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            Closed = true;
        }
    }

    private async Task<byte[]?> ReadFrameAsync()
    {
        var header = new StringBuilder();
        var one = new byte[1];
        while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await _reading.ReadAsync(one) == 0)
            {
                return null;
            }

            header.Append((char)one[0]);
        }

        var line = header.ToString().Split("\r\n").First(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var body = new byte[int.Parse(line["Content-Length:".Length..].Trim(), System.Globalization.CultureInfo.InvariantCulture)];
        await _reading.ReadExactlyAsync(body);
        return body;
    }
}
