namespace DeckLsp.Core.Identity;

/// <summary>
/// Makes the key of a card no known key fits. It must never equal a valid card id (use a character ids cannot hold,
/// as <see cref="ContentHash.CardKeyFor"/> does); a key already in use is asked for again with the next
/// <paramref name="attempt"/>.
/// </summary>
public delegate string FreshKey(CardFingerprint card, int attempt);
