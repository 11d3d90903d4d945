namespace DeckLsp.Core.Identity;

/// <summary>
/// The key a card now has. <paramref name="Previous"/> is set when the card takes over the history of a different key
/// (an id was added or changed): the caller moves that key's history to <paramref name="Key"/>.
/// </summary>
public sealed record CardLink(string Key, LinkKind How, string? Previous = null);
