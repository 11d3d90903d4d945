namespace DeckLsp.Server.Workspace;

/// <summary>Finds the <c>*.deck.md</c> files under a folder, skipping tool folders (.git, node_modules, bin, obj…).</summary>
internal static class DeckFiles
{
    private static readonly HashSet<string> Skipped = new(StringComparer.OrdinalIgnoreCase) { "node_modules", "bin", "obj" };

    public static bool IsSkippedFolder(string name) => name.StartsWith('.') || Skipped.Contains(name);

    public static List<string> Find(string root, CancellationToken cancellationToken)
    {
        var found = new List<string>();
        var options = new EnumerationOptions { IgnoreInaccessible = true, AttributesToSkip = FileAttributes.ReparsePoint };
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var folder = pending.Pop();
            try
            {
                found.AddRange(Directory.EnumerateFiles(folder, "*" + DeckUri.Extension, options));
                foreach (var child in Directory.EnumerateDirectories(folder, "*", options))
                {
                    if (!IsSkippedFolder(Path.GetFileName(child)))
                    {
                        pending.Push(child);
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A folder that vanished or cannot be read has no decks for us.
            }
        }

        return found;
    }

    /// <summary>True when no folder between <paramref name="root"/> and the file is one the scan skips.</summary>
    public static bool IsInScannedFolder(string path, IEnumerable<string> roots) =>
        roots.Any(root =>
        {
            var relative = Path.GetRelativePath(root, path);
            if (relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative))
            {
                return false;
            }

            var parts = relative.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
            return parts[..^1].All(part => !IsSkippedFolder(part));
        });
}
