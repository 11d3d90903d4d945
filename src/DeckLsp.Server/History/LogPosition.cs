namespace DeckLsp.Server.History;

/// <summary>How far a log was read: the offset after the last complete line, the lines before it, and its anchor.</summary>
internal sealed record LogPosition(long Offset, long Lines, string Anchor)
{
    public static LogPosition Start { get; } = new(0, 0, "");
}
