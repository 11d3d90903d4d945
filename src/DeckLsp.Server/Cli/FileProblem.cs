namespace DeckLsp.Server.Cli;

/// <summary>
/// Why a file could not be read or written, in words, and what to do about it. .NET's own messages repeat the path
/// (or a temporary file's), and an invalid path is an exception a user should never see.
/// </summary>
internal static class FileProblem
{
    /// <summary>The failures reading or writing a file can bring, as opposed to bugs.</summary>
    public static bool Is(Exception e) => e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException;

    public static string Reason(Exception e) => e switch
    {
        FileNotFoundException => "it does not exist",
        DirectoryNotFoundException => "its folder does not exist",
        UnauthorizedAccessException => "permission denied",
        PathTooLongException => "the path is too long",
        ArgumentException or NotSupportedException => "that is not a valid path (it is empty, or holds a character a path cannot)",
        IOException when IsDiskFull(e) => "the disk is full",
        _ => e.Message.TrimEnd('.'),
    };

    /// <summary>What to do when writing failed this way.</summary>
    public static string WriteAdvice(Exception e) => e switch
    {
        DirectoryNotFoundException => "create it or choose another output file",
        UnauthorizedAccessException => "check its permissions or choose another output file",
        IOException when IsDiskFull(e) => "free some space and run the command again",
        _ => "choose another output file",
    };

    // ENOSPC on Unix; ERROR_DISK_FULL and ERROR_HANDLE_DISK_FULL on Windows.
    private static bool IsDiskFull(Exception e) => e.HResult is 28 or unchecked((int)0x80070070) or unchecked((int)0x80070027);
}
