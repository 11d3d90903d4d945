using DeckLsp.Server.History;

namespace DeckLsp.Server.Interop;

/// <summary>
/// The media files an exported package holds: each image a deck shows, found beside the deck, under one flat name (an
/// Anki collection's media folder has no subfolders). Only a file inside the deck's workspace (its repository, else its
/// folder), symbolic links followed, goes in; anything else is left out with a note naming it, so a package never
/// carries a file from elsewhere on the machine.
/// </summary>
internal sealed class PackageMedia
{
    private readonly Dictionary<string, string> _byFile = new(StringComparer.Ordinal);
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _refused = new(StringComparer.Ordinal);
    private readonly List<(string Name, string File)> _files = [];
    private readonly List<string> _notes = [];

    /// <summary>The files to pack, by their names in the package.</summary>
    public IReadOnlyList<(string Name, string File)> Files => _files;

    /// <summary>What was left out, one sentence each.</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>The name <paramref name="relative"/> (as the deck at <paramref name="deckPath"/> links it) has in the package, or null.</summary>
    public string? NameOf(string deckPath, string relative)
    {
        var deck = Path.GetFullPath(deckPath);
        var folder = Path.GetDirectoryName(deck)!;
        var root = DeckRepository.Find(deck)?.Root ?? folder;
        var file = Path.GetFullPath(Path.Combine(folder, relative));
        if (_byFile.TryGetValue(file, out var known))
        {
            return known;
        }

        if (!File.Exists(file))
        {
            Refuse(file, $"{deckPath}: the image {relative} does not exist ({file}): it is not in the package");
            return null;
        }

        var real = RealPath(file);
        if (!Inside(root, file) || !Inside(RealPath(root), real))
        {
            Refuse(file, $"{deckPath}: the image {relative} leads outside the deck's workspace {root} (to {real}): it is not in the package");
            return null;
        }

        var name = Path.GetFileName(file);
        for (var n = 2; !_names.Add(name); n++)
        {
            name = $"{Path.GetFileNameWithoutExtension(file)}-{n}{Path.GetExtension(file)}";
        }

        _byFile[file] = name;
        _files.Add((name, real));
        return name;
    }

    private void Refuse(string file, string note)
    {
        if (_refused.Add(file))
        {
            _notes.Add(note);
        }
    }

    private static bool Inside(string root, string path)
    {
        var relative = Path.GetRelativePath(root, path);
        return relative != ".." && !relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }

    // The path with every symbolic link on the way resolved, so a link inside the workspace to a file outside it is seen.
    private static string RealPath(string path)
    {
        var full = Path.GetFullPath(path);
        var parent = Path.GetDirectoryName(full);
        var resolvedParent = parent is null ? null : RealPath(parent);
        var here = resolvedParent is null ? full : Path.Combine(resolvedParent, Path.GetFileName(full));
        FileSystemInfo info = Directory.Exists(here) ? new DirectoryInfo(here) : new FileInfo(here);
        return info.LinkTarget is null ? here : RealPath(info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? here);
    }
}
