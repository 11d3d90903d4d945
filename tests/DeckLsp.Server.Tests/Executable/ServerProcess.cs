using DeckLsp.Server.Hosting;
using DeckLsp.Server.Tests.Protocol;
using StreamJsonRpc;

namespace DeckLsp.Server.Tests.Executable;

/// <summary>The real server executable, spoken to over its stdin and stdout with the real framing.</summary>
internal sealed class ServerProcess : IDisposable
{
    private readonly System.Diagnostics.Process _process;

    private ServerProcess(System.Diagnostics.Process process)
    {
        _process = process;
        var formatter = new SystemTextJsonFormatter();
        LspJson.Configure(formatter.JsonSerializerOptions);
        Rpc = new JsonRpc(new HeaderDelimitedMessageHandler(process.StandardInput.BaseStream, process.StandardOutput.BaseStream, formatter));
    }

    public JsonRpc Rpc { get; }

    /// <summary>Starts the server (<see cref="ServerUnderTest"/>) on <paramref name="database"/>, or on a database of its own, with any further options.</summary>
    public static ServerProcess Start(string? database = null, params string[] options)
    {
        database ??= Path.Combine(Directory.CreateTempSubdirectory("decklsp-db-").FullName, "reviews.db");
        var process = System.Diagnostics.Process.Start(ServerUnderTest.StartInfo(["--stdio", "--db", database, .. options]))!;

        // Drained so that a chatty stderr can never block the server.
        process.ErrorDataReceived += (_, _) => { };
        process.BeginErrorReadLine();
        return new ServerProcess(process);
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
        }

        _process.Dispose();
    }
}
