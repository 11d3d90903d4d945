using DeckLsp.Core.Text;

namespace DeckLsp.Core.Parsing;

/// <summary>What a top-level piece of a segment is, for assembling cards.</summary>
public enum ItemKind
{
    FrontMatter,
    Heading,
    Break,
    Marker,
    Content,
}

/// <summary>A top-level piece of a segment, with offsets relative to the segment's start.</summary>
/// <param name="Span">The piece's text (for a marker item: from the marker to the end of its part of the paragraph).</param>
/// <param name="Marker">For <see cref="ItemKind.Marker"/>: which marker opens the item.</param>
/// <param name="Level">For a heading: its level. For a break synthesised from a setext underline: 0.</param>
/// <param name="Text">For a heading: its plain text. For front matter: the YAML between the fences.</param>
public sealed record Item(ItemKind Kind, TextSpan Span, MarkerKind Marker = MarkerKind.None, int Level = 0, string Text = "");

/// <summary>A problem or a fact found while reading blocks, that does not depend on the cards around it.</summary>
public enum FactKind
{
    /// <summary>An <c>id:</c> comment; Span is its value, Text the value.</summary>
    Id,

    /// <summary>A <c>tags:</c> comment; Span is its value, Text the value.</summary>
    Tags,

    /// <summary>A look-alike marker; Span covers it, Marker is the canonical one it resembles.</summary>
    LookAlike,

    /// <summary>A marker inside a list item, block quote or table; Span is the marker, Extent the paragraph.</summary>
    NestedMarker,

    /// <summary>A relative link or image target; Span is the URL, Text the path.</summary>
    Link,

    /// <summary>Code (a code span or a code block) whose braces are not cloze syntax.</summary>
    Code,

    /// <summary>A part the Markdown parser failed on (it nests too deep); Span is the line it failed at, Text why.</summary>
    Unreadable,

    /// <summary>The deck is longer than <see cref="Documents.DeckLimits.MaxDeckLength"/> and was not read; Span is its first line.</summary>
    TooLarge,
}

/// <summary>A fact with offsets relative to its segment.</summary>
public sealed record Fact(FactKind Kind, TextSpan Span, string Text = "", MarkerKind Marker = MarkerKind.None, TextSpan Extent = default, bool Flag = false);

/// <summary>
/// A run of the text that starts where Markdig's block state is fresh (the document start, a heading, a thematic break,
/// or a paragraph opening with <c>Q:</c> or <c>C:</c>), so that it parses the same alone as within the whole text.
/// Everything inside is relative to the segment's start, so a segment survives edits before it unchanged.
/// </summary>
public sealed record Segment(int Length, IReadOnlyList<Item> Items, IReadOnlyList<Fact> Facts)
{
    public bool Equivalent(Segment other) =>
        Length == other.Length && Items.SequenceEqual(other.Items) && Facts.SequenceEqual(other.Facts);
}
