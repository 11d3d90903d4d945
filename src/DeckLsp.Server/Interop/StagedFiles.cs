using System.Text.RegularExpressions;

namespace DeckLsp.Server.Interop;

/// <summary>
/// Files written beside their destination under temporary names (<c>.NAME.GUID.tmp</c>), then moved into place together,
/// so a failure part way leaves nothing behind: <see cref="Commit"/> moves them, disposing without it removes them.
/// Each temporary file stays open and locked until then; what a killed process left (no longer locked) is removed the
/// next time anything is staged into that folder.
/// </summary>
internal sealed partial class StagedFiles : IDisposable
{
    private readonly List<(string Temporary, string Final, FileStream Stream)> _files = [];
    private readonly List<string> _folders = [];
    private readonly HashSet<string> _swept = new(StringComparer.Ordinal);
    private bool _committed;

    /// <summary>The files moved into place so far by <see cref="Commit"/>, in the order they were moved.</summary>
    private List<string> Moved { get; } = [];

    /// <summary>Writes a temporary file in <paramref name="final"/>'s folder, moved to <paramref name="final"/> on commit.</summary>
    public void Write(string final, Action<Stream> write)
    {
        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(final))!;
            Sweep(folder);
            var temporary = Path.Combine(folder, $".{Path.GetFileName(final)}.{Guid.NewGuid():N}.tmp");
            var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None);
            _files.Add((temporary, final, stream));
            write(stream);
            stream.Flush();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException && e is not UnpackLimitExceededException)
        {
            // Named by the file it was for: the temporary file's name means nothing to whoever reads the message.
            throw new StagedFileException(final, e, []);
        }
    }

    public void WriteText(string final, string text) => Write(final, stream =>
    {
        using var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(false), leaveOpen: true);
        writer.Write(text);
    });

    /// <summary>Creates <paramref name="folder"/> now if it is missing (removed again when nothing is committed).</summary>
    public void EnsureFolder(string folder)
    {
        if (!Directory.Exists(folder))
        {
            Directory.CreateDirectory(folder);
            _folders.Add(folder);
        }
    }

    /// <summary>
    /// Moves every file into place, the first one staged last (the deck, once its media are there). A failure part way
    /// throws <see cref="StagedFileException"/> naming the file and those already in place, which stay.
    /// </summary>
    public void Commit()
    {
        var current = "";
        try
        {
            foreach (var (_, final, stream) in _files)
            {
                current = final;
                stream.Flush(flushToDisk: true);
                stream.Dispose();
            }

            _committed = true;
            for (var i = _files.Count - 1; i >= 0; i--)
            {
                current = _files[i].Final;
                File.Move(_files[i].Temporary, _files[i].Final, overwrite: true);
                Moved.Add(_files[i].Final);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new StagedFileException(current, e, [.. Moved]);
        }
    }

    public void Dispose()
    {
        foreach (var (temporary, final, stream) in _files)
        {
            stream.Dispose();
            if (!Moved.Contains(final))
            {
                TryDelete(temporary);
            }
        }

        if (_committed)
        {
            return;
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

    // Our own temporary files that no process holds: opening one alone succeeds only when its writer is gone.
    private void Sweep(string folder)
    {
        if (!_swept.Add(folder) || !Directory.Exists(folder))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(folder, ".*.tmp"))
        {
            if (!OurTemporaryName().IsMatch(Path.GetFileName(file)) || _files.Any(f => f.Temporary == file))
            {
                continue;
            }

            try
            {
                using var _ = new FileStream(file, FileMode.Open, FileAccess.ReadWrite, FileShare.None, 1, FileOptions.DeleteOnClose);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Still being written, or not ours to remove.
            }
        }
    }

    private static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
        }
    }

    [GeneratedRegex(@"^\..+\.[0-9a-f]{32}\.tmp$")]
    private static partial Regex OurTemporaryName();
}

/// <summary>
/// A staged file could not be written or put in place: <see cref="File"/> is the file it was for (never the temporary
/// one), <see cref="Moved"/> the files already in place when it happened, the cause is the inner exception.
/// </summary>
internal sealed class StagedFileException(string file, Exception cause, IReadOnlyList<string> moved)
    : IOException($"{file}: {cause.Message}", cause)
{
    public string File { get; } = file;

    public IReadOnlyList<string> Moved { get; } = moved;
}
