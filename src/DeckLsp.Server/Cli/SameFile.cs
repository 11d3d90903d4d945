namespace DeckLsp.Server.Cli;

/// <summary>Whether two paths name one file, however they are spelled: relative or absolute, with <c>..</c>, or a link to it.</summary>
internal static class SameFile
{
    public static bool Check(string first, string second) =>
        string.Equals(Resolve(first), Resolve(second), OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase);

    private static string Resolve(string path)
    {
        try
        {
            var full = Path.GetFullPath(path);
            try
            {
                return new FileInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
            }
            catch (IOException)
            {
                // A link that cannot be followed is compared as written.
                return full;
            }
        }
        catch (ArgumentException)
        {
            // Not a path at all: the same file only as the same text. Reading or writing it reports the problem.
            return path;
        }
    }
}
