namespace DeckLsp.Core.Identity;

/// <summary>A card key and the card's last known fingerprint: what the database keeps, and what a removed card leaves behind.</summary>
public sealed record KeyedFingerprint(string Key, CardFingerprint Fingerprint);
