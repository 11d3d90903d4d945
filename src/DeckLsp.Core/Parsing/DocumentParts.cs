namespace DeckLsp.Core.Parsing;

/// <summary>
/// The full parse of a large deck, in parts parsed at once on the machine's cores. It gives exactly what one
/// <see cref="SegmentParser.ParseRegion"/> of the whole text gives: a part starts where a segment is guessed to start,
/// and its guess is kept only when the part before it, parsed on through that place, cuts a segment there too (the
/// same check that lets an edit's re-parse meet the old segments; IncrementalParseProperties and
/// DocumentPartsProperties test both). A wrong guess costs the re-parse of the text after it, never a wrong result.
/// </summary>
internal static class DocumentParts
{
    /// <summary>Below this many characters per part (about 250 cards) the parts' coordination costs more than it saves.</summary>
    public const int MinPartLength = 64 * 1024;

    /// <summary>The whole text's segments, parsed in up to one part per core; throws what Markdig throws.</summary>
    public static List<(int Start, Segment Segment)> Parse(string text) =>
        Parse(text, Starts(text, Math.Min(Environment.ProcessorCount, text.Length / MinPartLength)));

    /// <summary>
    /// The whole text's segments, parsed in parts that start at <paramref name="starts"/> (0, then increasing offsets;
    /// any offsets: a start that is no segment's is found out and parsed over).
    /// </summary>
    public static List<(int Start, Segment Segment)> Parse(string text, IReadOnlyList<int> starts)
    {
        if (starts.Count <= 1)
        {
            return SegmentParser.ParseRegion(text, 0, text.Length);
        }

        // Each part reads on through the next part's start up to the likely segment start after it, so that whether a
        // segment starts there is decided by the text that follows, as in the parse of the whole.
        var parts = new List<(int Start, Segment Segment)>[starts.Count];
        try
        {
            Parallel.For(0, starts.Count, new ParallelOptions { MaxDegreeOfParallelism = starts.Count }, i =>
            {
                var end = i + 1 < starts.Count && LikelySegmentStart(text, starts[i + 1] + 1) is var reach and > 0 ? reach : text.Length;
                parts[i] = SegmentParser.ParseRegion(text, starts[i], end);
            });
        }
        catch (AggregateException)
        {
            // A part Markdig fails on: the parse of the whole decides what fails, as it would have without the parts.
            return SegmentParser.ParseRegion(text, 0, text.Length);
        }

        var segments = new List<(int Start, Segment Segment)>();
        for (var i = 0; i < starts.Count; i++)
        {
            if (i + 1 == starts.Count)
            {
                segments.AddRange(parts[i]);
                break;
            }

            var next = starts[i + 1];
            var meet = parts[i].FindIndex(p => p.Start == next);
            if (meet < 0)
            {
                // No segment starts at the next part's start: everything from this part's (proven) start is parsed again.
                segments.AddRange(SegmentParser.ParseRegion(text, starts[i], text.Length));
                break;
            }

            segments.AddRange(parts[i].Take(meet));
        }

        return segments;
    }

    /// <summary>
    /// Where to cut the text into <paramref name="count"/> parts of about equal length: at 0, then each at the first
    /// line at or after the equal share that looks like a segment's start (a heading, or a Q:, C: or R: line after a
    /// blank line), after front matter. Fewer when no such line is found.
    /// </summary>
    public static List<int> Starts(string text, int count)
    {
        var starts = new List<int> { 0 };
        if (count <= 1)
        {
            return starts;
        }

        // An unclosed front matter fence runs to the end, and the front matter is read only by the parse from 0.
        var close = FrontMatterFence.Close(text);
        if (close == int.MaxValue)
        {
            return starts;
        }

        for (var i = 1; i < count; i++)
        {
            var from = Math.Max(Math.Max(close, starts[^1]) + 1, (int)((long)text.Length * i / count));
            if (LikelySegmentStart(text, from) is var start and > 0)
            {
                starts.Add(start);
            }
        }

        return starts;
    }

    // The first line starting at or after the offset that looks like a segment's start; -1 when there is none.
    private static int LikelySegmentStart(string text, int from)
    {
        // The line before the first one looked at is not known to be blank: only a heading can start there.
        var previousBlank = false;
        var lineStart = from > 0 && from <= text.Length ? NextLineStart(text, from - 1) : -1;
        while (lineStart >= 0 && lineStart < text.Length)
        {
            var lineEnd = text.AsSpan(lineStart).IndexOfAny('\r', '\n');
            var line = text.AsSpan(lineStart, lineEnd < 0 ? text.Length - lineStart : lineEnd);
            if ((line.StartsWith("# ") || line.StartsWith("## ") || line.StartsWith("### "))
                || (previousBlank && Markers.At(line) is MarkerKind.Question or MarkerKind.Cloze or MarkerKind.Reversible))
            {
                return lineStart;
            }

            previousBlank = line.IsWhiteSpace();
            if (lineEnd < 0)
            {
                return -1;
            }

            lineStart = NextLineStart(text, lineStart + lineEnd);
        }

        return -1;
    }

    // The offset after the line break at or after the offset.
    private static int NextLineStart(string text, int offset)
    {
        var at = text.AsSpan(offset).IndexOfAny('\r', '\n');
        if (at < 0)
        {
            return -1;
        }

        at += offset;
        return text[at] == '\r' && at + 1 < text.Length && text[at + 1] == '\n' ? at + 2 : at + 1;
    }
}
