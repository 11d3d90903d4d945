using System.Collections.Concurrent;

namespace DeckLsp.Server.History;

/// <summary>
/// A deck repository (docs/history.md): the nearest folder at or above a deck that holds <c>.git</c> or a
/// <c>.decklsp/</c> folder. Its history lives in <c>.decklsp/history/</c>, one append-only log per device.
/// </summary>
internal sealed record DeckRepository(string Root)
{
    public const string FolderName = ".decklsp";

    public string Folder => Path.Combine(Root, FolderName);

    public string HistoryFolder => Path.Combine(Folder, "history");

    public string LogOf(string device) => Path.Combine(HistoryFolder, device + DeviceLog.Extension);

    /// <summary>The path of <paramref name="fullPath"/> inside the repository, <c>/</c>-separated, as the history records it.</summary>
    public string RelativePath(string fullPath) => Path.GetRelativePath(Root, fullPath).Replace(Path.DirectorySeparatorChar, '/');

    public bool Contains(string fullPath)
    {
        var relative = Path.GetRelativePath(Root, fullPath);
        return !relative.StartsWith("..", StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }

    /// <summary>The repository holding <paramref name="fullPath"/>, or null when no folder above it is one.</summary>
    public static DeckRepository? Find(string fullPath)
    {
        for (var folder = Path.GetDirectoryName(Path.GetFullPath(fullPath)); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (IsRoot(folder))
            {
                return new DeckRepository(folder);
            }
        }

        return null;
    }

    // `.git` is a folder in a clone and a file in a worktree or submodule.
    private static bool IsRoot(string folder) =>
        Directory.Exists(Path.Combine(folder, FolderName))
        || Directory.Exists(Path.Combine(folder, ".git"))
        || File.Exists(Path.Combine(folder, ".git"));
}

/// <summary>Finds deck repositories, looking at each folder once: the editor asks on every open, the disk is asked once.</summary>
internal sealed class DeckRepositories
{
    private readonly ConcurrentDictionary<string, DeckRepository?> _byFolder = new(StringComparer.Ordinal);

    public DeckRepository? Find(string fullPath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(fullPath));
        return folder is null ? null : _byFolder.GetOrAdd(folder, f => DeckRepository.Find(Path.Combine(f, "x")));
    }

    /// <summary>Forgets what was found (a <c>.decklsp/</c> or <c>.git</c> created or removed).</summary>
    public void Forget() => _byFolder.Clear();
}
