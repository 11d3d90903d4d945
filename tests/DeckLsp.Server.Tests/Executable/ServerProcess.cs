using System.Diagnostics;
using DeckLsp.Server.Hosting;
using DeckLsp.Server.Tests.Protocol;
using StreamJsonRpc;

namespace DeckLsp.Server.Tests.Executable;

/// <summary>The real server executable, spoken to over its stdin and stdout with the real framing.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly System.Diagnostics.Process _process;
    private readonly string? _ownFolder;

    private ServerProcess(System.Diagnostics.Process process, string? ownFolder)
    {
        _process = process;
        _ownFolder = ownFolder;
        var formatter = new SystemTextJsonFormatter();
        LspJson.Configure(formatter.JsonSerializerOptions);
        Rpc = new JsonRpc(new HeaderDelimitedMessageHandler(process.StandardInput.BaseStream, process.StandardOutput.BaseStream, formatter));
    }

    public JsonRpc Rpc { get; }

    /// <summary>The server's stdin, for a client that writes bytes itself (<see cref="RawLspClient"/>) instead of <see cref="Rpc"/>.</summary>
    public Stream StandardInput => _process.StandardInput.BaseStream;

    /// <summary>The server's stdout.</summary>
    public Stream StandardOutput => _process.StandardOutput.BaseStream;

    /// <summary>Starts the server on <paramref name="database"/>, or on a database of its own, with any further options.</summary>
    public static ServerProcess Start(string? database = null, params string[] options)
    {
        // A database of its own is removed with the process; one the test names is the test's to keep.
        var ownFolder = database is null ? Directory.CreateTempSubdirectory("decklsp-db-").FullName : null;
        database ??= Path.Combine(ownFolder!, "reviews.db");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "DeckLsp.Server.dll"), "--stdio", "--db", database },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var option in options)
        {
            start.ArgumentList.Add(option);
        }

        var process = System.Diagnostics.Process.Start(start)!;

        // Drained so that a chatty stderr can never block the server.
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return new ServerProcess(process, ownFolder);
    }

    public async Task<int> WaitForExitAsync()
    {
        await _process.WaitForExitAsync().WaitAsync(LspTestClient.Patience);
        return _process.ExitCode;
    }

    /// <summary>SIGKILL: no shutdown, no flush, no finally blocks.</summary>
    public void KillHard() => _process.Kill();

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
