using DeckLsp.Server.Storage;

namespace DeckLsp.Server.Cli;

/// <summary>The review database a command names with <c>--db</c> (or the default), as a full path.</summary>
internal static class DatabaseOption
{
    public static bool TryResolve(string? given, string command, TextWriter error, out string path)
    {
        try
        {
            path = ReviewDatabasePaths.Choose(given, null);
            return true;
        }
        catch (Exception e) when (FileProblem.Is(e))
        {
            error.WriteLine($"decklsp {command}: --db {given}: {FileProblem.Reason(e)}; name the review database's file.");
            path = "";
            return false;
        }
    }
}
