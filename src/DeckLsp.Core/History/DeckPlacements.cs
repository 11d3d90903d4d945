using System.Collections.Immutable;
using DeckLsp.Core.Identity;

namespace DeckLsp.Core.History;

/// <summary>
/// Which deck key a deck file has (docs/history.md): the deck last placed at that path, else the key its path is
/// given (<see cref="ContentHash.DeckKeyFor"/>), passing over keys of decks last placed elsewhere, so a deck moved
/// away leaves its history behind for no newcomer. Decks with a front-matter id need none of this.
/// </summary>
public sealed class DeckPlacements
{
    private readonly ImmutableDictionary<DeckKey, DeckPlacedEvent> _latest;
    private readonly ImmutableDictionary<string, DeckKey> _byPath;

    private DeckPlacements(ImmutableDictionary<DeckKey, DeckPlacedEvent> latest)
    {
        _latest = latest;
        var byPath = ImmutableDictionary.CreateBuilder<string, DeckKey>(StringComparer.Ordinal);
        foreach (var group in latest.Values.GroupBy(p => p.Path, StringComparer.Ordinal))
        {
            // Two decks placed at one path (a file replaced by another): the later placement holds it.
            byPath[group.Key] = group.Max((IComparer<DeckPlacedEvent>)HistoryOrder.Instance)!.Deck;
        }

        _byPath = byPath.ToImmutable();
    }

    public static DeckPlacements Empty { get; } = new(ImmutableDictionary<DeckKey, DeckPlacedEvent>.Empty);

    /// <summary>The path the deck was last placed at, if it ever was.</summary>
    public string? PathOf(DeckKey deck) => _latest.TryGetValue(deck, out var placed) ? placed.Path : null;

    /// <summary>
    /// The key of the deck at <paramref name="relativePath"/> whose front matter names <paramref name="id"/> (or none): its
    /// id wherever it goes, else the key of its path.
    /// </summary>
    public DeckKey KeyOf(string relativePath, string? id) => id is not null ? DeckKey.OfId(id) : KeyOf(relativePath);

    /// <summary>The key of the deck file at <paramref name="relativePath"/> (relative to the repository, <c>/</c>-separated).</summary>
    public DeckKey KeyOf(string relativePath)
    {
        ArgumentException.ThrowIfNullOrEmpty(relativePath);
        if (_byPath.TryGetValue(relativePath, out var placed))
        {
            return placed;
        }

        for (var attempt = 0; ; attempt++)
        {
            var key = ContentHash.DeckKeyFor(relativePath, attempt);
            if (!_latest.TryGetValue(key, out var elsewhere) || elsewhere.Path == relativePath)
            {
                return key;
            }
        }
    }

    public DeckPlacements With(IEnumerable<DeckPlacedEvent> placements)
    {
        var latest = _latest;
        foreach (var placed in placements)
        {
            if (!latest.TryGetValue(placed.Deck, out var known) || HistoryOrder.Instance.Compare(known, placed) < 0)
            {
                latest = latest.SetItem(placed.Deck, placed);
            }
        }

        return ReferenceEquals(latest, _latest) ? this : new DeckPlacements(latest);
    }
}
