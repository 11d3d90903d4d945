namespace DeckLsp.Core.Tests.Scheduling;

/// <summary>Finds repository files from the test output directory without copying them there.</summary>
internal static class RepositoryPaths
{
    /// <summary>The folder holding DeckLsp.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    public static string FsrsVectors => Path.Combine(Root, "tests", "fixtures", "fsrs", "vectors.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DeckLsp.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No DeckLsp.sln above {AppContext.BaseDirectory}.");
    }
}
