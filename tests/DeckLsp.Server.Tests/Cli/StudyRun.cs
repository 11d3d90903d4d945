using System.Diagnostics;
using DeckLsp.Server.Tests.Executable;

namespace DeckLsp.Server.Tests.Cli;

/// <summary>Runs `decklsp study` as a process (the dll, or the executable the test run names) with its input piped from a string.</summary>
internal static class StudyRun
{
    public static async Task<(int Code, string Out, string Err)> Piped(string input, params string[] args)
    {
        var start = ServerUnderTest.StartInfo(["study", .. args]);
        start.Environment["XDG_DATA_HOME"] = Path.Combine(Path.GetTempPath(), "decklsp-study-xdg-" + Guid.NewGuid().ToString("N"));
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.StandardInput.WriteAsync(input);
            process.StandardInput.Close();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            try
            {
                Directory.Delete(start.Environment["XDG_DATA_HOME"]!, recursive: true);
            }
            catch (DirectoryNotFoundException)
            {
            }
        }

        return (process.ExitCode, await output, await error);
    }

    /// <summary>The lines a script sends to rate the cards in turn: an empty line for the answer, then the rating.</summary>
    public static string Ratings(params int[] ratings) => string.Concat(ratings.Select(r => $"\n{r}\n"));
}
