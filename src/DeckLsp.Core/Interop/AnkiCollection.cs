namespace DeckLsp.Core.Interop;

/// <summary>A note of an Anki collection: its fields (HTML) in the note type's order.</summary>
public sealed record AnkiNote(long Id, string Guid, long NotetypeId, IReadOnlyList<string> Fields, string Tags);

/// <summary>A card of a note: <paramref name="Ordinal"/> is its template (basic) or its cloze number minus one.</summary>
public sealed record AnkiCard(long Id, long NoteId, long DeckId, int Ordinal);

/// <summary>A revlog row: when (its id, ms since the epoch), the card, the button (ease 1–4, 0 for a manual change), how long, and its type.</summary>
public sealed record AnkiReview(long Id, long CardId, int Ease, long DurationMs, int Type, long Interval, long Factor);

/// <summary>A card template: the HTML with <c>{{Field}}</c> references Anki shows as the card's front and back.</summary>
public sealed record AnkiTemplate(string Front, string Back);

/// <summary>A note type: its name, whether it is cloze, its field names in order, and its card templates in order.</summary>
public sealed record AnkiNotetype(long Id, string Name, bool Cloze, IReadOnlyList<string> Fields, IReadOnlyList<AnkiTemplate> Templates);

/// <summary>
/// What an Anki collection holds, as rows: notes, cards, revlog, which note types are cloze, the decks (id to its
/// path of subdecks), and the names of the media files its package holds. Reading it from a package is the server's.
/// </summary>
public sealed record AnkiCollection(
    IReadOnlyList<AnkiNote> Notes,
    IReadOnlyList<AnkiCard> Cards,
    IReadOnlyList<AnkiReview> Reviews,
    IReadOnlyDictionary<long, bool> ClozeNotetypes,
    IReadOnlyDictionary<long, string[]> Decks)
{
    /// <summary>The media files the package holds, by the names notes use.</summary>
    public IReadOnlyCollection<string> MediaNames { get; init; } = [];

    /// <summary>The note types with their fields and templates, where the collection has them (empty: first field question, second answer).</summary>
    public IReadOnlyDictionary<long, AnkiNotetype> Notetypes { get; init; } = new Dictionary<long, AnkiNotetype>();

    /// <summary>The scheduler the reviews were made with (<c>schedVer</c>): 1 gave learning cards three buttons, 2 and later four.</summary>
    public int SchedulerVersion { get; init; } = 2;
}
