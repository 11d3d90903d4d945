namespace DeckLsp.Server.Transport;

/// <summary>What the server reads from the client at most (docs/reliability.md, "Protocol").</summary>
public sealed record TransportLimits
{
    /// <summary>
    /// The largest message body, in bytes: 64 MiB, above the 50 MB past which VS Code stops syncing a file to extensions,
    /// so a deck any editor sends fits with its JSON escapes. Larger messages are skipped unread.
    /// </summary>
    public const long DefaultMaxMessageBytes = 64L * 1024 * 1024;

    /// <summary>Objects and arrays inside each other in one message: what System.Text.Json reads by default.</summary>
    public const int DefaultMaxNesting = 64;

    public long MaxMessageBytes { get; init; } = DefaultMaxMessageBytes;

    public int MaxNesting { get; init; } = DefaultMaxNesting;
}
