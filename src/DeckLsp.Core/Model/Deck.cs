namespace DeckLsp.Core.Model;

/// <summary>What a deck file holds: its metadata, sections and cards, with spans into its text.</summary>
public sealed record Deck
{
    public required string Title { get; init; }

    public IReadOnlyList<string> Tags { get; init; } = [];

    public string? Id { get; init; }

    public IReadOnlyList<Section> Sections { get; init; } = [];

    public IReadOnlyList<Card> Cards { get; init; } = [];

    /// <summary>Relative link and image targets, for checking that they exist.</summary>
    public IReadOnlyList<LinkTarget> Links { get; init; } = [];

    /// <summary>
    /// The index of the last card that starts at or before <paramref name="offset"/>, or -1 when none does. The cards are
    /// in the order of the text, so this reads (and places) only the few a binary search visits, not the deck.
    /// </summary>
    public int LastCardStartingAtOrBefore(int offset)
    {
        var (low, high) = (0, Cards.Count - 1);
        while (low <= high)
        {
            var middle = low + ((high - low) / 2);
            if (Cards[middle].Span.Start <= offset)
            {
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return high;
    }

    /// <summary>True when section <paramref name="sectionIndex"/> is <paramref name="withinIndex"/> or nested in it.</summary>
    public bool IsWithin(int sectionIndex, int withinIndex)
    {
        for (var at = sectionIndex; at >= 0; at = Sections[at].ParentIndex)
        {
            if (at == withinIndex)
            {
                return true;
            }
        }

        return false;
    }
}
