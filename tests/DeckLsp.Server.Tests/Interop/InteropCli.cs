using DeckLsp.Server.Cli;
using DeckLsp.Server.Tests.Executable;

namespace DeckLsp.Server.Tests.Interop;

/// <summary>Runs `decklsp` in-process and hands back its exit code, stdout and stderr.</summary>
internal static class InteropCli
{
    public static async Task<(int Code, string Out, string Err)> Run(params string[] args)
    {
        if (ServerUnderTest.Executable is not null)
        {
            return await ServerUnderTest.RunCommandLine(args);
        }

        var output = new StringWriter();
        var error = new StringWriter();
        var code = await DeckCommandLine.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Every file under the folder, relative, sorted: to see that a failed command left nothing behind.</summary>
    public static string[] FilesIn(string folder) =>
        Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal).ToArray();
}
