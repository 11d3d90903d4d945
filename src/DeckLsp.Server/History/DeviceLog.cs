using System.Security.Cryptography;
using System.Text;
using DeckLsp.Core.History;

namespace DeckLsp.Server.History;

/// <summary>What reading a log from an offset found: the events of its complete lines, the lines it could not read, where to go on from.</summary>
/// <param name="Problems">Lines skipped, as (1-based line number, what is wrong).</param>
/// <param name="Next">The offset after the last complete line: the next read starts there.</param>
/// <param name="NextLine">The line number at <paramref name="Next"/> (0-based count of lines before it).</param>
/// <param name="Anchor">A hash of the bytes just before <paramref name="Next"/>, to notice a log rewritten under us.</param>
/// <param name="Incomplete">Bytes after the last line break: a line being written, or torn by a crash.</param>
/// <param name="Rewritten">The log is shorter than the offset, or its bytes before it changed: read it again from the start.</param>
internal sealed record LogRead(
    IReadOnlyList<HistoryEvent> Events,
    IReadOnlyList<(long Line, string Problem)> Problems,
    long Next,
    long NextLine,
    string Anchor,
    int Incomplete,
    bool Rewritten);

/// <summary>
/// One device's append-only log in a deck repository (docs/history.md): UTF-8 lines, one event each. Only its own
/// device appends to it, under a lock, each append written, flushed and fsynced before it returns; a torn last line
/// (a crash mid-write) is skipped by readers and cut off by the next append.
/// </summary>
internal sealed class DeviceLog(string path, string device, string? lockFolder = null)
{
    public const string Extension = ".log";

    private const int AnchorBytes = 64;
    private const long TailChunk = 64 * 1024;

    public string Path { get; } = path;

    public string Device { get; } = device;

    /// <summary>
    /// The lock appenders of this log take: on this machine only (the user data folder, else the temporary folder),
    /// never in the repository, where it would be one more file for git to trip over.
    /// </summary>
    public string LockPath { get; } = System.IO.Path.Combine(lockFolder ?? System.IO.Path.Combine(System.IO.Path.GetTempPath(), "decklsp-locks"),
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(System.IO.Path.GetFullPath(path))))[..16] + ".lock");

    /// <summary>How long an append waits for another process of this device to finish its own.</summary>
    public TimeSpan Patience { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The device a log file belongs to: its name without the extension; null for a file that is no log.</summary>
    public static string? DeviceOf(string file)
    {
        var name = System.IO.Path.GetFileName(file);
        return name.EndsWith(Extension, StringComparison.Ordinal) && DeviceName.IsValid(name[..^Extension.Length])
            ? name[..^Extension.Length]
            : null;
    }

    /// <summary>
    /// Reads the complete lines after <paramref name="offset"/> (line <paramref name="line"/>). When
    /// <paramref name="anchor"/> is given and the bytes before the offset no longer hash to it, nothing is read and
    /// <see cref="LogRead.Rewritten"/> says to start again from 0. A missing log reads as empty.
    /// </summary>
    public static LogRead Read(string path, string device, long offset = 0, long line = 0, string? anchor = null)
    {
        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length < offset || (anchor is not null && AnchorAt(stream, offset) != anchor))
            {
                return new LogRead([], [], offset, line, anchor ?? "", 0, Rewritten: true);
            }

            stream.Seek(offset, SeekOrigin.Begin);
            bytes = new byte[stream.Length - offset];
            stream.ReadExactly(bytes);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return new LogRead([], [], offset, line, anchor ?? "", 0, Rewritten: offset > 0);
        }

        var events = new List<HistoryEvent>();
        var problems = new List<(long, string)>();
        var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
        var start = 0;
        for (var end = Array.IndexOf(bytes, (byte)'\n'); end >= 0; end = Array.IndexOf(bytes, (byte)'\n', start))
        {
            line++;
            var length = end - start;
            if (length > 0 && bytes[end - 1] == '\r')
            {
                length--;
            }

            try
            {
                var (read, problem) = HistoryLine.Parse(device, strict.GetString(bytes, start, length));
                if (read is not null)
                {
                    events.Add(read);
                }
                else if (problem is not null)
                {
                    problems.Add((line, problem));
                }
            }
            catch (DecoderFallbackException)
            {
                problems.Add((line, "not valid UTF-8"));
            }

            start = end + 1;
        }

        var next = offset + start;
        return new LogRead(events, problems, next, line, AnchorOf(bytes.AsSpan(0, start), path, offset), bytes.Length - start, Rewritten: false);
    }

    /// <summary>
    /// Appends <paramref name="drafts"/> (their sequence numbers are given here, after the last in the log) in one
    /// write, flushed and fsynced before returning them as written. Cuts a torn last line first.
    /// </summary>
    /// <exception cref="HistoryBusyException">When another process of this device holds the log too long.</exception>
    /// <exception cref="IOException">When the log cannot be written (a full disk, a read-only folder): nothing was acknowledged.</exception>
    public IReadOnlyList<HistoryEvent> Append(IReadOnlyList<HistoryEvent> drafts, Action<string>? warn = null)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        if (drafts.Count == 0)
        {
            return [];
        }

        var folder = System.IO.Path.GetDirectoryName(Path)!;
        var created = CreateFolders(folder);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(LockPath)!);
        using var held = FileLock.Acquire(LockPath, Patience);
        var isNew = !File.Exists(Path);
        using var stream = new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        var (end, last) = Tail(stream, warn);
        var text = new StringBuilder();
        if (end == 0)
        {
            text.Append(HistoryLine.Header).Append('\n');
        }

        var written = new List<HistoryEvent>(drafts.Count);
        foreach (var draft in drafts)
        {
            var numbered = HistoryLine.Numbered(draft, Device, ++last);
            written.Add(numbered);
            text.Append(HistoryLine.Format(numbered)).Append('\n');
        }

        var bytes = Encoding.UTF8.GetBytes(text.ToString());
        stream.Seek(end, SeekOrigin.Begin);
        stream.Write(bytes);
        stream.Flush(flushToDisk: true);
        if (isNew)
        {
            created.Add(folder);
        }

        foreach (var made in created)
        {
            DirectorySync.Flush(made);
        }

        return written;
    }

    // The folders of the log, created as needed; those whose entries changed are returned, to be synced once the log
    // is written. Nothing else is ever created in the repository: a file two machines both made would stop a pull.
    private static List<string> CreateFolders(string historyFolder)
    {
        var created = new List<string>();
        var decklsp = System.IO.Path.GetDirectoryName(historyFolder)!;
        foreach (var folder in new[] { decklsp, historyFolder })
        {
            if (!Directory.Exists(folder))
            {
                Directory.CreateDirectory(folder);
                created.Add(System.IO.Path.GetDirectoryName(folder)!);
            }
        }

        return created;
    }

    // Where the next line goes (after the last line break, cutting a torn tail) and the last sequence number written.
    // Usually the last 64 KB tell both; a log whose tail is all torn or unreadable is read whole.
    private (long End, long LastSequence) Tail(FileStream stream, Action<string>? warn)
    {
        var length = stream.Length;
        var (from, bytes) = ReadTail(stream, Math.Min(length, TailChunk));
        var lastBreak = Array.LastIndexOf(bytes, (byte)'\n');
        var last = lastBreak < 0 ? null : LastSequence(bytes, lastBreak, firstIsWhole: from == 0);
        if (from > 0 && (lastBreak < 0 || last is null))
        {
            (from, bytes) = ReadTail(stream, length);
            lastBreak = Array.LastIndexOf(bytes, (byte)'\n');
            last = lastBreak < 0 ? null : LastSequence(bytes, lastBreak, firstIsWhole: from == 0);
        }

        var end = from + lastBreak + 1;
        if (end < length)
        {
            warn?.Invoke($"{Path} ended in an incomplete line ({length - end} bytes, a write cut short); it was removed.");
            stream.SetLength(end);
        }

        return (end, last ?? 0);
    }

    private static (long From, byte[] Bytes) ReadTail(FileStream stream, long size)
    {
        var bytes = new byte[size];
        stream.Seek(stream.Length - size, SeekOrigin.Begin);
        stream.ReadExactly(bytes);
        return (stream.Length - size, bytes);
    }

    // The sequence number of the last complete line before `lastBreak` that reads as an event.
    private long? LastSequence(byte[] bytes, int lastBreak, bool firstIsWhole)
    {
        var lineEnd = lastBreak;
        while (lineEnd > 0)
        {
            var lineStart = Array.LastIndexOf(bytes, (byte)'\n', lineEnd - 1) + 1;
            if (lineStart == 0 && !firstIsWhole)
            {
                // The chunk starts mid-line: what precedes is for a read of the whole log.
                return null;
            }

            var text = Encoding.UTF8.GetString(bytes, lineStart, lineEnd - lineStart).TrimEnd('\r');
            if (HistoryLine.Parse(Device, text).Event is { } e)
            {
                return e.Id.Sequence;
            }

            lineEnd = lineStart - 1;
        }

        return null;
    }

    private static string AnchorAt(FileStream stream, long offset)
    {
        var size = (int)Math.Min(AnchorBytes, offset);
        var bytes = new byte[size];
        stream.Seek(offset - size, SeekOrigin.Begin);
        stream.ReadExactly(bytes);
        return Hash(bytes);
    }

    private static string AnchorOf(ReadOnlySpan<byte> read, string path, long offset)
    {
        if (read.Length >= AnchorBytes || offset == 0)
        {
            return Hash(read[Math.Max(0, read.Length - AnchorBytes)..]);
        }

        // Fewer new bytes than an anchor holds: take the rest from before the offset.
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        return AnchorAt(stream, offset + read.Length);
    }

    private static string Hash(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes))[..16];
}
