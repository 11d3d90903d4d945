namespace DeckLsp.Core.Identity;

/// <summary>
/// A card key as the review history knows it: hashes of what it last identified (<see cref="ContentHash"/>) and, when
/// this machine saw that card, its text, which lets a card edited elsewhere be found by similarity.
/// </summary>
public sealed record HashedCard(string Key, ulong Question, ulong Answer, CardFingerprint? Text);
