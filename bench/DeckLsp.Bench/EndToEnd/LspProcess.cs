using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DeckLsp.Bench.EndToEnd;

/// <summary>
/// A language server process driven the way an editor drives it: JSON-RPC over stdio with Content-Length framing.
/// Every message read is stamped with <see cref="Stopwatch.GetTimestamp"/> as soon as its frame is complete. Requests
/// from the server (progress tokens, registrations, configuration) are answered with null.
/// </summary>
public sealed class LspProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stream _input;
    private readonly Lock _writeGate = new();
    private readonly ConcurrentDictionary<long, TaskCompletionSource<Received>> _pending = new();
    private readonly List<Action<Received>> _listeners = [];
    private readonly Task _reader;
    private readonly StringBuilder _stderr = new();
    private long _nextId;

    /// <summary>A message from the server and when its last byte arrived.</summary>
    public sealed record Received(JsonObject Message, long Timestamp)
    {
        public string? Method => Message["method"]?.GetValue<string>();

        public JsonNode? Params => Message["params"];
    }

    private LspProcess(Process process, long started)
    {
        _process = process;
        Started = started;
        _input = process.StandardInput.BaseStream;
        process.ErrorDataReceived += (_, e) =>
        {
            lock (_stderr)
            {
                if (_stderr.Length < 100_000 && e.Data is not null)
                {
                    _stderr.AppendLine(e.Data);
                }
            }
        };
        process.BeginErrorReadLine();
        _reader = Task.Run(ReadLoop);
    }

    /// <summary>When the process was started (Stopwatch ticks).</summary>
    public long Started { get; }

    public int ProcessId => _process.Id;

    public string StandardError
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public static LspProcess Start(string fileName, IEnumerable<string> arguments, string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        var started = Stopwatch.GetTimestamp();
        var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        return new LspProcess(process, started);
    }

    /// <summary>Calls <paramref name="listener"/> (on the reader thread) for every notification and server request.</summary>
    public void OnMessage(Action<Received> listener)
    {
        lock (_listeners)
        {
            _listeners.Add(listener);
        }
    }

    /// <summary>Sends a request; the task completes with the response and when it arrived.</summary>
    public Task<Received> Request(string method, object? parameters, out long sentAt)
    {
        var id = Interlocked.Increment(ref _nextId);
        var completion = new TaskCompletionSource<Received>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[id] = completion;
        sentAt = Send(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = id, ["method"] = method, ["params"] = ToNode(parameters) });
        return completion.Task;
    }

    public Task<Received> Request(string method, object? parameters) => Request(method, parameters, out _);

    /// <summary>Sends a notification; returns when its last byte was written.</summary>
    public long Notify(string method, object? parameters) =>
        Send(new JsonObject { ["jsonrpc"] = "2.0", ["method"] = method, ["params"] = ToNode(parameters) });

    public long ResidentSetBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
            }
        }

        return 0;
    }

    public void Kill() => _process.Kill(entireProcessTree: true);

    public async Task ShutDown()
    {
        try
        {
            await Request("shutdown", null).WaitAsync(TimeSpan.FromSeconds(10));
            Notify("exit", null);
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception) when (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        try
        {
            await _reader.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception)
        {
            // The stream ends with the process; whatever the reader saw last does not matter any more.
        }

        _process.Dispose();
    }

    private static JsonNode? ToNode(object? parameters) => parameters switch
    {
        null => null,
        JsonNode node => node,
        _ => JsonSerializer.SerializeToNode(parameters, parameters.GetType(), BenchJson.Options),
    };

    private long Send(JsonObject message)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(message, BenchJson.Options);
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        lock (_writeGate)
        {
            _input.Write(header);
            _input.Write(body);
            _input.Flush();
            return Stopwatch.GetTimestamp();
        }
    }

    private async Task ReadLoop()
    {
        var stream = _process.StandardOutput.BaseStream;
        var buffer = new byte[1 << 16];
        var data = new MemoryStream();
        var start = 0;
        try
        {
            while (true)
            {
                var read = await stream.ReadAsync(buffer);
                if (read == 0)
                {
                    break;
                }

                data.Write(buffer, 0, read);
                while (TryFrame(data.GetBuffer().AsSpan(start, (int)data.Length - start), out var headerLength, out var bodyLength))
                {
                    var stamp = Stopwatch.GetTimestamp();
                    var body = data.GetBuffer().AsMemory(start + headerLength, bodyLength);
                    start += headerLength + bodyLength;
                    Dispatch(JsonNode.Parse(body.Span)!.AsObject(), stamp);
                }

                if (start == data.Length)
                {
                    data.SetLength(0);
                    start = 0;
                }
                else if (start > (1 << 20))
                {
                    var rest = data.GetBuffer().AsSpan(start, (int)data.Length - start).ToArray();
                    data.SetLength(0);
                    data.Write(rest);
                    start = 0;
                }
            }
        }
        finally
        {
            foreach (var pending in _pending.Values)
            {
                pending.TrySetException(new IOException("the server closed its output"));
            }
        }
    }

    private static bool TryFrame(ReadOnlySpan<byte> data, out int headerLength, out int bodyLength)
    {
        headerLength = bodyLength = 0;
        var end = data.IndexOf("\r\n\r\n"u8);
        if (end < 0)
        {
            return false;
        }

        var header = Encoding.ASCII.GetString(data[..end]);
        foreach (var line in header.Split("\r\n"))
        {
            if (line.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            {
                bodyLength = int.Parse(line["Content-Length:".Length..].Trim());
            }
        }

        headerLength = end + 4;
        return data.Length >= headerLength + bodyLength;
    }

    private void Dispatch(JsonObject message, long stamp)
    {
        var received = new Received(message, stamp);
        var hasMethod = message.ContainsKey("method");
        if (!hasMethod && message["id"] is { } responseId)
        {
            if (_pending.TryRemove(responseId.GetValue<long>(), out var completion))
            {
                completion.TrySetResult(received);
            }

            return;
        }

        if (hasMethod && message["id"] is { } requestId)
        {
            // A request from the server: an editor would show progress or register a watcher; null is a fine answer.
            Send(new JsonObject { ["jsonrpc"] = "2.0", ["id"] = requestId.DeepClone(), ["result"] = null });
        }

        Action<Received>[] listeners;
        lock (_listeners)
        {
            listeners = [.. _listeners];
        }

        foreach (var listener in listeners)
        {
            listener(received);
        }
    }
}

/// <summary>JSON as LSP writes it: camelCase, nulls left out.</summary>
public static class BenchJson
{
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };
}
