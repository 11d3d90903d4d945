using DeckLsp.Server.Workspace;
using Microsoft.Extensions.FileSystemGlobbing;

namespace DeckLsp.Server.Cli;

/// <summary>Turns the command line's paths (files, folders, globs) into the deck files they name, in a stable order.</summary>
internal static class DeckPaths
{
    public static bool TryExpand(IEnumerable<string> paths, out List<string> files, out string problem)
    {
        files = [];
        problem = "";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            IEnumerable<string> found;
            if (File.Exists(path))
            {
                found = [path];
            }
            else if (Directory.Exists(path))
            {
                found = DeckFiles.Find(path, CancellationToken.None).Select(f => Relative(path, f)).Order(StringComparer.Ordinal);
            }
            else if (path.IndexOfAny(['*', '?', '[']) >= 0)
            {
                found = Glob(path).ToList();
                if (!found.Any())
                {
                    problem = $"no deck file matches {path}";
                    return false;
                }
            }
            else
            {
                problem = $"no such file or folder: {path}";
                return false;
            }

            files.AddRange(found.Where(seen.Add));
        }

        return true;
    }

    /// <summary>
    /// The decks the paths name, parsed; false (with the message written to <paramref name="error"/>, prefixed by the
    /// command) when a path names nothing or a file cannot be read (see <see cref="DeckFileReader"/>).
    /// </summary>
    public static bool TryLoad(IEnumerable<string> paths, string command, TextWriter error, out List<DeckFile> decks)
    {
        decks = [];
        if (!TryExpand(paths, out var files, out var problem))
        {
            error.WriteLine($"decklsp {command}: {problem}");
            return false;
        }

        // The files are read and parsed on every core at once; the first one (in order) that cannot be read is named,
        // as a reading one after another would have named it.
        var read = new (DeckFile? Deck, Exception? Problem)[files.Count];
        Parallel.For(0, files.Count, i =>
        {
            try
            {
                read[i] = (DeckFileReader.Read(files[i]), null);
            }
            catch (Exception e) when (FileProblem.Is(e))
            {
                read[i] = (null, e);
            }
        });
        for (var i = 0; i < files.Count; i++)
        {
            if (read[i].Problem is { } unreadable)
            {
                error.WriteLine($"decklsp {command}: cannot read {files[i]}: {FileProblem.Reason(unreadable)}.");
                decks = [];
                return false;
            }

            decks.Add(read[i].Deck!);
        }

        return true;
    }

    // "decks/**/*.deck.md": the part before the first wildcard is the folder to search from.
    private static IEnumerable<string> Glob(string pattern)
    {
        var normalized = pattern.Replace('\\', '/');
        var wildcard = normalized.IndexOfAny(['*', '?', '[']);
        var slash = normalized.LastIndexOf('/', wildcard);
        var root = slash < 0 ? "." : normalized[..(slash + 1)];
        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude(normalized[(slash + 1)..]);
        var baseFolder = Path.GetFullPath(root);
        if (!Directory.Exists(baseFolder))
        {
            return [];
        }

        return matcher.GetResultsInFullPath(baseFolder)
            .Select(full => slash < 0 ? Path.GetRelativePath(".", full) : Path.Combine(root, Path.GetRelativePath(baseFolder, full)))
            .Order(StringComparer.Ordinal);
    }

    // Keep paths as the user wrote them: "samples/" and a file inside print as "samples/rnn.deck.md".
    private static string Relative(string folder, string file) =>
        Path.IsPathRooted(folder) ? file : Path.Combine(folder, Path.GetRelativePath(folder, file));
}
