using DeckLsp.Core.Diagnostics;
using DeckLsp.Core.Model;
using DeckLsp.Core.Parsing;
using DeckLsp.Core.Text;

namespace DeckLsp.Core.Documents;

/// <summary>
/// An immutable snapshot of a deck's text and what was parsed from it. <see cref="Apply"/> makes the next snapshot,
/// re-parsing only the segments an edit touches (see docs/architecture.md), so a keystroke costs what the edit costs.
/// </summary>
public sealed class DeckDocument
{
    private readonly Segment[] _segments;
    private readonly int[] _starts;
    private readonly Lazy<DeckAnalysis> _analysis;
    private LineMap? _lines;

    private DeckDocument(string text, string fileName, Segment[] segments, int[] starts)
    {
        Text = text;
        FileName = fileName;
        _segments = segments;
        _starts = starts;
        _analysis = new Lazy<DeckAnalysis>(() => DeckAnalysis.Run(this), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Text { get; }

    /// <summary>The file's name (for the title when the deck names none).</summary>
    public string FileName { get; }

    public LineMap Lines => _lines ??= LineMap.Build(Text);

    public Deck Deck => _analysis.Value.Deck;

    /// <summary>Every problem found from the text alone (links to missing files need the disk: see <see cref="LinkCheck"/>).</summary>
    public IReadOnlyList<DeckDiagnostic> Diagnostics => _analysis.Value.Diagnostics;

    public int SegmentCount => _segments.Length;

    internal IEnumerable<(int Start, Segment Segment)> Segments()
    {
        for (var i = 0; i < _segments.Length; i++)
        {
            yield return (_starts[i], _segments[i]);
        }
    }

    public static DeckDocument Parse(string text, string fileName = "deck.deck.md")
    {
        var parsed = SegmentParser.ParseRegion(text, 0, text.Length);
        return new DeckDocument(text, fileName, parsed.Select(p => p.Segment).ToArray(), parsed.Select(p => p.Start).ToArray());
    }

    /// <summary>Applies one edit (offsets in this snapshot's text) and returns the next snapshot.</summary>
    public DeckDocument Apply(TextChange change)
    {
        var oldLength = Text.Length;
        var start = Math.Clamp(change.Span.Start, 0, oldLength);
        var end = Math.Clamp(change.Span.End, start, oldLength);
        change = new TextChange(TextSpan.FromBounds(start, end), change.NewText);
        var text = change.ApplyTo(Text);
        var delta = change.Delta;

        // The segment before the edit is re-read too: the edit may decide whether its successor still starts fresh.
        var first = Math.Max(0, SegmentAt(start) - 1);
        var last = SegmentAt(end);

        // Whether a leading "---" opens front matter depends on a closing fence that may stand anywhere below, so an
        // edit up to that fence re-reads from the start, through the (new) closing fence.
        var minimumEnd = 0;
        if (start <= FrontMatterClose(Text))
        {
            first = 0;
        }

        if (first == 0 && FrontMatterClose(text) is var close and >= 0 and < int.MaxValue)
        {
            minimumEnd = close;
        }

        var regionStart = _starts[first];
        var reach = 1;
        while (true)
        {
            if (last + 1 >= _segments.Length)
            {
                return Splice(text, first, _segments.Length, SegmentParser.ParseRegion(text, regionStart, text.Length), delta);
            }

            // Parse through the next old segment too, so the place we hope to meet the old cuts again is decided by
            // the real text that follows it; then everything from there on is the old parse, shifted.
            var sync = _starts[last + 1] + delta;
            var lookaheadEnd = (last + 2 < _segments.Length ? _starts[last + 2] : oldLength) + delta;
            var parsed = SegmentParser.ParseRegion(text, regionStart, lookaheadEnd);
            var meet = lookaheadEnd >= minimumEnd ? parsed.FindIndex(p => p.Start == sync) : -1;
            if (meet >= 0)
            {
                return Splice(text, first, last + 1, parsed.GetRange(0, meet), delta);
            }

            // No cut there: the edit opened something (a code fence, an HTML block) that runs on. Widen geometrically,
            // so a fence that swallows the rest of the deck costs a few parses, not one per segment.
            last = Math.Min(_segments.Length - 1, last + reach);
            reach *= 2;
        }
    }

    private DeckDocument Splice(string text, int first, int resume, List<(int Start, Segment Segment)> middle, int delta)
    {
        var count = first + middle.Count + (_segments.Length - resume);
        var segments = new Segment[count];
        var starts = new int[count];
        Array.Copy(_segments, segments, first);
        Array.Copy(_starts, starts, first);
        for (var i = 0; i < middle.Count; i++)
        {
            segments[first + i] = middle[i].Segment;
            starts[first + i] = middle[i].Start;
        }

        var tail = first + middle.Count;
        Array.Copy(_segments, resume, segments, tail, _segments.Length - resume);
        for (var i = resume; i < _segments.Length; i++)
        {
            starts[tail + i - resume] = _starts[i] + delta;
        }

        return new DeckDocument(text, FileName, segments, starts);
    }

    /// <summary>
    /// Where front matter would end: -1 when the text does not open with a "---" line, int.MaxValue when nothing
    /// closes it, else the end of the first "---" or "..." line after it.
    /// </summary>
    private static int FrontMatterClose(string text)
    {
        var open = text.StartsWith('\uFEFF') ? 1 : 0;
        if (!text.AsSpan(open).StartsWith("---", StringComparison.Ordinal))
        {
            return -1;
        }

        var lineEnd = text.AsSpan().IndexOfAny('\r', '\n');
        if (lineEnd < 0 || !text.AsSpan(open + 3, lineEnd - open - 3).IsWhiteSpace())
        {
            return -1;
        }

        var lineStart = lineEnd;
        while (lineStart < text.Length)
        {
            lineStart += text[lineStart] == '\r' && lineStart + 1 < text.Length && text[lineStart + 1] == '\n' ? 2 : 1;
            var next = text.AsSpan(lineStart).IndexOfAny('\r', '\n');
            var end = next < 0 ? text.Length : lineStart + next;
            var line = text.AsSpan(lineStart, end - lineStart).TrimEnd();
            if (line is "---" or "...")
            {
                return end;
            }

            lineStart = end;
        }

        return int.MaxValue;
    }

    private int SegmentAt(int offset)
    {
        var index = Array.BinarySearch(_starts, offset);
        return index >= 0 ? index : Math.Max(0, ~index - 1);
    }

    /// <summary>True when both snapshots hold the same text cut into the same segments with the same contents.</summary>
    public bool IsEquivalentTo(DeckDocument other) =>
        Text == other.Text
        && _starts.AsSpan().SequenceEqual(other._starts)
        && _segments.Zip(other._segments).All(pair => pair.First.Equivalent(pair.Second));
}
