namespace DeckLsp.Core.Identity;

/// <summary>The keys of a snapshot's cards (parallel to its cards), and the known cards none of them took (removed or orphaned).</summary>
public sealed record IdentityResult(IReadOnlyList<CardLink> Links, IReadOnlyList<KeyedFingerprint> Removed)
{
    public IReadOnlyList<string> Keys { get; } = Links.Select(l => l.Key).ToArray();
}
