using DeckLsp.Core.Model;

namespace DeckLsp.Core.Interop;

/// <summary>A deck read from another tool's format, ready to be written as a <c>.deck.md</c> file.</summary>
/// <param name="Title">The deck's title (front matter <c>title</c>).</param>
/// <param name="Cards">The cards, in the order they are written.</param>
public sealed record ImportedDeck(string Title, IReadOnlyList<ImportedCard> Cards)
{
    /// <summary>Front matter <c>tags</c>.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Front matter <c>id</c>: what review history is stored under, wherever the file goes.</summary>
    public string? Id { get; init; }

    /// <summary>What the import left out or changed, one sentence each, for the user.</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Reviews the source recorded (a schedule carried as a starting review), to write into the deck's history.</summary>
    public IReadOnlyList<ImportedReview> Reviews { get; init; } = [];
}

/// <summary>
/// One card as Markdown. A side whose first block must stand at the start of a line (a list, code) begins with
/// <c>\n</c>, so it is written on the line after its marker; any other side follows its marker on the same line.
/// </summary>
/// <param name="Kind">Basic (question and answer), reversible (the same, studied both ways) or cloze (<see cref="Question"/> holds the <c>{{…}}</c> text).</param>
/// <param name="Question">The question's Markdown, or a cloze card's text.</param>
/// <param name="Answer">The answer's Markdown; for a cloze card the optional extra text, null when there is none.</param>
public sealed record ImportedCard(CardKind Kind, string Question, string? Answer)
{
    /// <summary>The explicit card id (<c>&lt;!-- id: … --&gt;</c>), valid per <see cref="CardIds.IsValid"/>, or null.</summary>
    public string? Id { get; init; }

    /// <summary>The headings the card stands under, outermost first (Anki's subdecks); empty for none.</summary>
    public IReadOnlyList<string> Section { get; init; } = [];

    /// <summary>The card's own tags (<c>&lt;!-- tags: … --&gt;</c>), each valid per <see cref="CardTags.IsValid"/>; the deck's are apart.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
}

/// <summary>What an import produced: a deck, or why the input could not be read.</summary>
public sealed record ImportResult(ImportedDeck? Deck, string? Problem)
{
    public static ImportResult Failed(string problem) => new(null, problem);

    public static ImportResult Read(ImportedDeck deck) => new(deck, null);
}
