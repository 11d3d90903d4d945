using System.Collections;

namespace DeckLsp.Core.Model;

/// <summary>
/// A deck's cards, kept relative to their segments and placed (moved to where their segment stands, given their
/// section) only when read. A keystroke makes a new list of this kind without touching a card; a request that reads
/// every card pays for placing them, once per snapshot. The same index gives the same object every time it is read,
/// since callers compare cards by reference.
/// </summary>
internal sealed class PlacedCards : IReadOnlyList<Card>
{
    private readonly SegmentContent[] _contents;
    private readonly int[] _starts;

    // For each segment: how many cards come before it, the sections opened before it, and the section open at its start.
    private readonly int[] _cardsBefore;
    private readonly int[] _sectionsBefore;
    private readonly int[] _sectionAtStart;
    private Card?[]? _placed;

    public PlacedCards(SegmentContent[] contents, int[] starts, int[] cardsBefore, int[] sectionsBefore, int[] sectionAtStart, int count)
    {
        _contents = contents;
        _starts = starts;
        _cardsBefore = cardsBefore;
        _sectionsBefore = sectionsBefore;
        _sectionAtStart = sectionAtStart;
        Count = count;
    }

    public int Count { get; }

    /// <summary>How many cards come before segment <paramref name="segment"/> (the count of all cards past the last).</summary>
    public int CardsBefore(int segment) => segment < _cardsBefore.Length ? _cardsBefore[segment] : Count;

    public Card this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfNegative(index);
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
            var placed = Volatile.Read(ref _placed) ?? Interlocked.CompareExchange(ref _placed, new Card?[Count], null) ?? _placed!;
            if (Volatile.Read(ref placed[index]) is { } card)
            {
                return card;
            }

            var made = Place(index);

            // Two readers may place the same card at once: the first one stored is the one everyone gets.
            return Interlocked.CompareExchange(ref placed[index], made, null) ?? made;
        }
    }

    private Card Place(int index)
    {
        // The last segment whose first card is at or before index and that has cards.
        var segment = Array.BinarySearch(_cardsBefore, index);
        if (segment < 0)
        {
            segment = ~segment - 1;
        }

        while (segment + 1 < _cardsBefore.Length && _cardsBefore[segment + 1] <= index)
        {
            segment++;
        }

        var content = _contents[segment];
        var local = index - _cardsBefore[segment];

        // A card belongs to the last heading of its segment that comes before it, or to the section open where the segment starts.
        var section = _sectionAtStart[segment];
        for (var h = content.Headings.Length - 1; h >= 0; h--)
        {
            if (content.Headings[h].CardsBefore <= local)
            {
                section = _sectionsBefore[segment] + h;
                break;
            }
        }

        return content.Cards[local].Shifted(_starts[segment], section);
    }

    public IEnumerator<Card> GetEnumerator()
    {
        for (var i = 0; i < Count; i++)
        {
            yield return this[i];
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
