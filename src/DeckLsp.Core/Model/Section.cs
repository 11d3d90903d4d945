using DeckLsp.Core.Text;

namespace DeckLsp.Core.Model;

/// <summary>A heading and everything up to the next heading of the same or a higher level.</summary>
public sealed record Section
{
    public required int Index { get; init; }

    public required string Title { get; init; }

    public required int Level { get; init; }

    public required TextSpan Heading { get; init; }

    /// <summary>From the heading to the start of the next heading of the same or a higher level (or the end).</summary>
    public required TextSpan Span { get; init; }

    /// <summary>The enclosing section's index, or -1 at the top.</summary>
    public int ParentIndex { get; init; } = -1;
}
