using DeckLsp.Core.Text;

namespace DeckLsp.Core.Model;

/// <summary>A card: its marker, question (or cloze text) and answer as spans of the deck text, plus what was read from them.</summary>
public sealed record Card
{
    public required CardKind Kind { get; init; }

    /// <summary>From the marker to the end of the card's last block.</summary>
    public required TextSpan Span { get; init; }

    /// <summary>The <c>Q:</c> or <c>C:</c> marker.</summary>
    public required TextSpan Marker { get; init; }

    /// <summary>The question's Markdown (a cloze card's whole text), without its marker.</summary>
    public required TextSpan Question { get; init; }

    public TextSpan? AnswerMarker { get; init; }

    /// <summary>The answer's Markdown, without its marker; null when the card has no <c>A:</c>.</summary>
    public TextSpan? Answer { get; init; }

    public string? Id { get; init; }

    /// <summary>The id's value inside its comment.</summary>
    public TextSpan? IdSpan { get; init; }

    /// <summary>The card's own tags, from its <c>&lt;!-- tags: … --&gt;</c> comments (the deck's are in <see cref="Deck.Tags"/>).</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<ClozeDeletion> Deletions { get; init; } = [];

    /// <summary>Index into <see cref="Deck.Sections"/>, or -1 for cards before the first heading.</summary>
    public int SectionIndex { get; init; } = -1;

    /// <summary>The first non-empty line of the question, as plain as the source allows, for outlines and search.</summary>
    public string Title { get; init; } = "";
}
