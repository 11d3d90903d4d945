namespace DeckLsp.Core.Documents;

/// <summary>The limits past which DeckLsp stops reading a deck, and why each is where it is (docs/reliability.md).</summary>
public static class DeckLimits
{
    /// <summary>
    /// The longest deck that is read, in UTF-16 code units (32 MiB, about 140,000 cards as people write them). A longer
    /// one is kept as text, so edits still apply, but reports only DECK017. Opening a 50 MB deck once took 17 s and
    /// 2.5 GB; since a keystroke costs the edit rather than the deck (issue 12), the benchmark's 100,000-card deck
    /// (22.7 MB) is read and measured (docs/performance.md), and this limit sits above it.
    /// </summary>
    public const int MaxDeckLength = 32 * 1024 * 1024;

    /// <summary>
    /// How deep YAML collections in front matter may nest. A deck's front matter needs two levels (`tags: [a, b]`); the
    /// library that reads it recurses once per level, so an unbounded depth would overflow the stack.
    /// </summary>
    public const int MaxFrontMatterDepth = 64;

    /// <summary>
    /// How deep block quotes and lists may nest (a list item counts two: the list and the item). Markdig's own limit:
    /// past it, the part is DECK016 and has no cards.
    /// </summary>
    public const int MaxBlockNesting = 128;
}
