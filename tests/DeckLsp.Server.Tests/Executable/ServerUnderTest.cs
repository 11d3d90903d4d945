using System.Diagnostics;
using System.Text;

namespace DeckLsp.Server.Tests.Executable;

/// <summary>
/// Which server the protocol, process and CLI tests drive. By default the protocol and CLI tests run the server
/// in-process and the process tests start <c>dotnet DeckLsp.Server.dll</c>; with <see cref="Variable"/> naming an
/// executable (scripts/test.sh's second run: the native one), every one of them drives that executable instead, over
/// its stdin/stdout or its command line. Tests that need the server's insides are marked <see cref="InProcessOnly"/>.
/// </summary>
internal static class ServerUnderTest
{
    public const string Variable = "DECKLSP_TEST_SERVER";

    /// <summary>The trait (<c>Server=InProcess</c>) of tests that inject services into the server; the executable run leaves them out.</summary>
    public const string InProcessOnly = "InProcess";

    /// <summary>The executable named by <see cref="Variable"/>, or null to use the in-process server and the dll.</summary>
    public static string? Executable { get; } =
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } path ? Path.GetFullPath(path) : null;

    /// <summary>How to start the server with these arguments: the executable, else <c>dotnet DeckLsp.Server.dll</c>.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var start = Executable is { } executable
            ? new ProcessStartInfo(executable)
            : new ProcessStartInfo("dotnet") { ArgumentList = { Path.Combine(AppContext.BaseDirectory, "DeckLsp.Server.dll") } };
        if (Executable is not null)
        {
            // The native executable must need no .NET: nothing on PATH, and no DOTNET_ROOT to find one by.
            foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("DOTNET_", StringComparison.Ordinal)).ToList())
            {
                start.Environment.Remove(name);
            }

            start.Environment["PATH"] = "/nonexistent";
            start.Environment["DOTNET_ROOT"] = "/nonexistent";
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.RedirectStandardInput = true;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.StandardOutputEncoding = Encoding.UTF8;
        start.StandardErrorEncoding = Encoding.UTF8;
        start.UseShellExecute = false;
        return start;
    }

    /// <summary>Runs the executable's command line to the end: its exit code, stdout and stderr.</summary>
    public static async Task<(int Code, string Out, string Err)> RunCommandLine(string[] arguments)
    {
        using var process = Process.Start(StartInfo(arguments))!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }

        return (process.ExitCode, await output, await error);
    }
}
