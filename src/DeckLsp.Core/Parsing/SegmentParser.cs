namespace DeckLsp.Core.Parsing;

/// <summary>Parses a region of the text into segments, cut at every place where a fresh parse may start.</summary>
internal static class SegmentParser
{
    public static List<(int Start, Segment Segment)> ParseRegion(string text, int start, int end)
    {
        var region = BlockReader.Read(text, start, end, atDocumentStart: start == 0);
        var cuts = new List<int>(region.Boundaries.Count + 1) { start };
        foreach (var boundary in region.Boundaries)
        {
            if (boundary > cuts[^1] && boundary < end)
            {
                cuts.Add(boundary);
            }
        }

        var segments = new List<(int, Segment)>(cuts.Count);
        int item = 0, fact = 0;
        for (var i = 0; i < cuts.Count; i++)
        {
            var segmentStart = cuts[i];
            var segmentEnd = i + 1 < cuts.Count ? cuts[i + 1] : end;
            var items = new List<Item>();
            while (item < region.Items.Count && region.Items[item].Item.Span.Start < segmentEnd)
            {
                var current = region.Items[item++].Item;
                items.Add(current with { Span = current.Span.Shift(-segmentStart) });
            }

            var facts = new List<Fact>();
            while (fact < region.Facts.Count && region.Facts[fact].Fact.Span.Start < segmentEnd)
            {
                var current = region.Facts[fact++].Fact;
                facts.Add(current with
                {
                    Span = current.Span.Shift(-segmentStart),
                    Extent = current.Extent == default ? default : current.Extent.Shift(-segmentStart),
                });
            }

            segments.Add((segmentStart, new Segment(segmentEnd - segmentStart, items, facts)));
        }

        return segments;
    }
}
