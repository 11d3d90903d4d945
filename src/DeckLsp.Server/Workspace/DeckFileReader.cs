using System.Runtime.InteropServices;
using DeckLsp.Core.Diagnostics;
using DeckLsp.Core.Documents;
using DeckLsp.Core.Text;
using Microsoft.Win32.SafeHandles;

namespace DeckLsp.Server.Workspace;

/// <summary>A deck read from disk: its snapshot, and the problem its bytes had when they were not UTF-8.</summary>
internal sealed record DeckFile(string Path, DeckDocument Document, DeckDiagnostic? Encoding)
{
    /// <summary>The deck's diagnostics with links checked next to the file, and the encoding problem, in text order.</summary>
    public IReadOnlyList<DeckDiagnostic> Diagnostics()
    {
        var diagnostics = DocumentDiagnostics.WithLinks(Document, Path);
        return Encoding is null ? diagnostics : [.. diagnostics.Append(Encoding).OrderBy(d => d.Span.Start).ThenBy(d => d.Code, StringComparer.Ordinal)];
    }
}

/// <summary>
/// Reads deck files for the command line and the workspace index: regular files only, and none larger than a deck can
/// be, so that a device, a FIFO or an endless file gives a clear error instead of a read without end (docs/reliability.md).
/// </summary>
internal static class DeckFileReader
{
    /// <summary>The most bytes a deck of <see cref="DeckLimits.MaxDeckLength"/> UTF-16 code units takes in UTF-8 (96 MiB).</summary>
    public const long MaxFileBytes = DeckLimits.MaxDeckLength * 3L;

    /// <summary>Reads and parses a deck file; <see cref="IOException"/> with a message for a person when it cannot.</summary>
    public static DeckFile Read(string path)
    {
        var bytes = ReadBytes(path);
        var (text, invalidAt) = Utf8Text.Decode(bytes);
        var document = DeckDocument.Parse(text, System.IO.Path.GetFileName(path));
        return new DeckFile(path, document, invalidAt is { } at ? Utf8Text.InvalidDiagnostic(at, bytes) : null);
    }

    private static byte[] ReadBytes(string path)
    {
        using var stream = OpenWithoutWaiting(path);
        if (!stream.CanSeek)
        {
            throw new IOException("it is not a regular file (a FIFO, a socket or a terminal)");
        }

        // A device such as /dev/zero seeks and says it is empty: only what a read returns counts, up to the limit.
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + read > MaxFileBytes)
            {
                throw new IOException($"it is larger than {MaxFileBytes >> 20} MiB, more than a deck can be (docs/reliability.md)");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    // Opening a FIFO for reading waits for a writer, which may never come: on Unix it is opened without waiting, and is
    // then refused because it cannot seek.
    private static FileStream OpenWithoutWaiting(string path)
    {
        if (File.GetAttributes(path).HasFlag(FileAttributes.Directory))
        {
            throw new IOException("it is a folder");
        }

        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        }

        int descriptor;
        try
        {
            descriptor = Open(path, OperatingSystem.IsLinux() ? LinuxNonBlockCloseOnExec : MacNonBlockCloseOnExec);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A C library not found under its usual name (some Linux distributions): the ordinary open, which may wait.
            descriptor = -1;
        }

        if (descriptor < 0)
        {
            // The ordinary open gives the ordinary message (not found, permission denied).
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, bufferSize: 0);
        }

        return new FileStream(new SafeFileHandle(descriptor, ownsHandle: true), FileAccess.Read, bufferSize: 0);
    }

    // O_RDONLY | O_NONBLOCK | O_CLOEXEC; the values differ between the two systems.
    private const int LinuxNonBlockCloseOnExec = 0x800 | 0x80000;
    private const int MacNonBlockCloseOnExec = 0x4 | 0x1000000;

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
}
