namespace DeckLsp.Server.Interop;

/// <summary>
/// How much an Anki package may unpack to: each file (a media file, or the collection) and everything together,
/// counted in the bytes actually written, never in the sizes the archive gives, which a zip bomb or a zstd frame inside
/// it can understate. Writing past either limit throws <see cref="UnpackLimitExceededException"/>.
/// </summary>
internal sealed class UnpackBudget(long perFileBytes, long totalBytes)
{
    public const int DefaultPerFileMegabytes = 256;
    public const int DefaultTotalMegabytes = 1024;
    public const long Megabyte = 1024 * 1024;

    private long _written;

    public static UnpackBudget FromMegabytes(int perFile, int total) => new(perFile * Megabyte, total * Megabyte);

    /// <summary>A stream that writes through to <paramref name="destination"/> (left open) and stops at the limits.</summary>
    public Stream Limit(Stream destination, string what) => new CappedStream(this, destination, what);

    private void Count(string what, long fileBytes, int more)
    {
        if (fileBytes + more > perFileBytes)
        {
            throw new UnpackLimitExceededException($"{what} is larger than {Show(perFileBytes)}, the limit for one file", perFile: true);
        }

        if (_written + more > totalBytes)
        {
            throw new UnpackLimitExceededException($"the package unpacks to more than {Show(totalBytes)} in all, the limit for one package", perFile: false);
        }

        _written += more;
    }

    private static string Show(long bytes) => bytes % Megabyte == 0 ? $"{bytes / Megabyte} MiB" : $"{bytes:N0} bytes";

    private sealed class CappedStream(UnpackBudget budget, Stream destination, string what) : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            budget.Count(what, _length, buffer.Length);
            destination.Write(buffer);
            _length += buffer.Length;
        }

        public override void Flush() => destination.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}

/// <summary>A package unpacks past a limit of <see cref="UnpackBudget"/>: one file's (<see cref="PerFile"/>) or the total.</summary>
internal sealed class UnpackLimitExceededException(string message, bool perFile) : IOException(message)
{
    public bool PerFile { get; } = perFile;
}
