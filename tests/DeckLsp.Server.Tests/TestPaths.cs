namespace DeckLsp.Server.Tests;

/// <summary>Where the repository's samples are, and temporary folders of decks that clean up after themselves.</summary>
internal static class TestPaths
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Sample(string name) => Path.Combine(RepositoryRoot, "samples", name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DeckLsp.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("DeckLsp.sln not found above " + AppContext.BaseDirectory);
    }
}

/// <summary>A temporary folder, deleted on dispose.</summary>
internal sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "decklsp-tests-" + Guid.NewGuid().ToString("N"));

    public TempFolder() => Directory.CreateDirectory(Path);

    public string Write(string relative, string text)
    {
        var full = System.IO.Path.Combine(Path, relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        File.WriteAllText(full, text);
        return full;
    }

    public string Uri => new Uri(Path).AbsoluteUri;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>
/// Folders for servers' review databases that a test may reopen after the server is gone (a restart on the same
/// history), so they outlive the client that made them. They are removed as the test process exits: best effort, since
/// the test host may be stopped before it is done.
/// </summary>
internal static class RunFolders
{
    private static readonly List<string> Made = [];

    static RunFolders() => AppDomain.CurrentDomain.ProcessExit += (_, _) => RemoveAll();

    public static string Create(string prefix)
    {
        var folder = Directory.CreateTempSubdirectory(prefix).FullName;
        lock (Made)
        {
            Made.Add(folder);
        }

        return folder;
    }

    private static void RemoveAll()
    {
        lock (Made)
        {
            foreach (var folder in Made)
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                }
            }
        }
    }
}
