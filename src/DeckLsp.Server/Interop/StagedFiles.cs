namespace DeckLsp.Server.Interop;

/// <summary>
/// Files written beside their destination under temporary names, then moved into place together, so a failure part way
/// leaves nothing behind: <see cref="Commit"/> moves them, disposing without it removes them.
/// </summary>
internal sealed class StagedFiles : IDisposable
{
    private readonly List<(string Temporary, string Final)> _files = [];
    private readonly List<string> _folders = [];
    private bool _committed;

    /// <summary>A temporary file in <paramref name="final"/>'s folder, moved to <paramref name="final"/> on commit.</summary>
    public Stream Create(string final)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(final))!;
        var temporary = Path.Combine(folder, $".{Path.GetFileName(final)}.{Guid.NewGuid():N}.tmp");
        var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write);
        _files.Add((temporary, final));
        return stream;
    }

    public void WriteText(string final, string text)
    {
        using var stream = Create(final);
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false));
        writer.Write(text);
    }

    /// <summary>Creates <paramref name="folder"/> now if it is missing (removed again when nothing is committed).</summary>
    public void EnsureFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder);
            _folders.Add(folder);
        }
    }

    /// <summary>Moves every file into place, the first one staged last (the deck, once its media are there).</summary>
    public void Commit()
    {
        for (var i = _files.Count - 1; i >= 0; i--)
        {
            File.Move(_files[i].Temporary, _files[i].Final, overwrite: true);
        }

        _committed = true;
    }

    public void Dispose()
    {
        if (_committed)
        {
            return;
        }

        foreach (var (temporary, _) in _files)
        {
            try
            {
                File.Delete(temporary);
            }
            catch (IOException)
            {
            }
        }

        foreach (var folder in Enumerable.Reverse(_folders))
        {
            try
            {
                Directory.Delete(folder, recursive: false);
            }
            catch (IOException)
            {
            }
        }
    }
}
