using System.Diagnostics;
using DeckLsp.Server.Tests.Executable;

namespace DeckLsp.Server.Tests.Cli;

/// <summary>
/// A real terminal for a test: `decklsp` run in a detached tmux session of its own server (a unique socket), driven with
/// <c>send-keys</c> and read with <c>capture-pane</c>. Disposing kills that tmux server, so a failing test leaves nothing running.
/// </summary>
internal sealed class TmuxTerminal : IDisposable
{
    private readonly string _socket = "decklsp-test-" + Guid.NewGuid().ToString("N")[..16];
    private string? _socketPath;

    private TmuxTerminal()
    {
    }

    /// <summary>Runs `decklsp <paramref name="arguments"/>` in <paramref name="folder"/>, in a terminal of 100 columns and 30 rows.</summary>
    public static TmuxTerminal Start(string folder, params string[] arguments)
    {
        var command = ServerUnderTest.Executable is { } executable
            ? [executable, .. arguments]
            : new[] { "dotnet", Path.Combine(AppContext.BaseDirectory, "DeckLsp.Server.dll") }.Concat(arguments).ToArray();
        var script = Path.Combine(folder, "run-in-terminal.sh");
        File.WriteAllText(script, $"""
            cd {Quote(folder)}
            export XDG_DATA_HOME={Quote(Path.Combine(folder, "xdg-data"))}
            {string.Join(" ", command.Select(Quote))}
            echo "[exit $?]"
            exec sleep 600

            """);
        var terminal = new TmuxTerminal();
        try
        {
            terminal.Tmux("-f", "/dev/null", "new-session", "-d", "-x", "100", "-y", "30", "sh", script);
            terminal._socketPath = terminal.Tmux("display-message", "-p", "#{socket_path}").Trim();
        }
        catch
        {
            terminal.Dispose();
            throw;
        }

        return terminal;
    }

    public void Send(params string[] keys) => Tmux(["send-keys", "-t", "0", .. keys]);

    public string Screen() => Tmux("capture-pane", "-p", "-t", "0");

    /// <summary>Whether the program shows its alternate screen (the one full-screen programs draw on), as tmux tells.</summary>
    public bool OnAlternateScreen() => Tmux("display-message", "-p", "-t", "0", "#{alternate_on}").Trim() == "1";

    /// <summary>Polls the screen until <paramref name="ready"/> holds of it; fails, showing the screen, after <paramref name="seconds"/>.</summary>
    public async Task<string> WaitFor(Func<string, bool> ready, string what, int seconds = 60)
    {
        var clock = Stopwatch.StartNew();
        var screen = Screen();
        while (!ready(screen))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(seconds))
            {
                throw new TimeoutException($"The terminal did not show {what} within {seconds}s. It shows:\n{screen}");
            }

            await Task.Delay(50);
            screen = Screen();
        }

        return screen;
    }

    public Task<string> WaitFor(string text, int seconds = 60) => WaitFor(s => s.Contains(text, StringComparison.Ordinal), $"\"{text}\"", seconds);

    public void Dispose()
    {
        try
        {
            Tmux("kill-server");
        }
        catch (InvalidOperationException)
        {
            // The server was gone already.
        }

        // tmux leaves its socket file behind.
        if (_socketPath is { Length: > 0 } socket)
        {
            File.Delete(socket);
        }
    }

    private string Tmux(params string[] arguments)
    {
        var start = new ProcessStartInfo("tmux") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-L");
        start.ArgumentList.Add(_socket);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("tmux could not be started");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0
            ? output.Result
            : throw new InvalidOperationException($"tmux {string.Join(" ", arguments)} failed ({process.ExitCode}): {error}");
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
