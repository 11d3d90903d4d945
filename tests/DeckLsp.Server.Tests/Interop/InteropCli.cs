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
        if (code == 0 && args.Length > 1 && args[0] == "import")
        {
            await ChecksClean(ImportedDeck(args));
        }

        return (code, output.ToString(), error.ToString());
    }

    /// <summary>
    /// Every deck an import writes checks clean (docs/interop.md): `decklsp check` finds no error in it and every media
    /// link it writes resolves. Run after each successful import of every test.
    /// </summary>
    private static async Task ChecksClean(string deck)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await DeckCommandLine.RunAsync(["check", deck], output, error);
        Assert.True(code == 0 && !output.ToString().Contains("DECK015", StringComparison.Ordinal),
            $"The imported deck {deck} does not check clean:\n{output}{error}\n---\n{await File.ReadAllTextAsync(deck)}");
    }

    // -o OUT, else the source's name with .deck.md beside it.
    private static string ImportedDeck(string[] args)
    {
        var o = Array.IndexOf(args, "-o");
        if (o >= 0 && o + 1 < args.Length)
        {
            return args[o + 1];
        }

        var source = args[1];
        var name = Path.GetFileName(source);
        var stem = name.Contains('.', StringComparison.Ordinal) ? name[..name.LastIndexOf('.')] : name;
        return Path.Combine(Path.GetDirectoryName(source) ?? "", stem + ".deck.md");
    }

    /// <summary>Every file under the folder, relative, sorted: to see that a failed command left nothing behind.</summary>
    public static string[] FilesIn(string folder) =>
        Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(folder, f)).Order(StringComparer.Ordinal).ToArray();
}
