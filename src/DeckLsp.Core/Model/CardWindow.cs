namespace DeckLsp.Core.Model;

/// <summary>
/// The cards an edit can have changed, between a snapshot and the one <see cref="Documents.DeckDocument.Apply"/> made
/// from it: the first <see cref="Kept"/> cards are the same in both; the cards from <see cref="BeforeEnd"/> on in the
/// earlier snapshot are those from <see cref="AfterEnd"/> on in the later one, moved by the edit. Only the cards in
/// between were parsed again.
/// </summary>
public readonly record struct CardWindow(int Kept, int BeforeEnd, int AfterEnd);
