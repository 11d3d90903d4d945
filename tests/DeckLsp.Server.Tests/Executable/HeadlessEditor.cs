using System.Diagnostics;

namespace DeckLsp.Server.Tests.Executable;

/// <summary>Runs an editor headless to its end: its output read as it goes, killed with what it started if it outlives its patience.</summary>
internal static class HeadlessEditor
{
    public static async Task<(int Code, string Output, string Error)> Run(ProcessStartInfo start, TimeSpan patience)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.RedirectStandardInput = true;
        start.UseShellExecute = false;
        using var editor = Process.Start(start)!;
        editor.StandardInput.Close();
        var output = editor.StandardOutput.ReadToEndAsync();
        var error = editor.StandardError.ReadToEndAsync();
        try
        {
            await editor.WaitForExitAsync().WaitAsync(patience);
        }
        finally
        {
            if (!editor.HasExited)
            {
                editor.Kill(entireProcessTree: true);
            }
        }

        return (editor.ExitCode, await output, await error);
    }
}
