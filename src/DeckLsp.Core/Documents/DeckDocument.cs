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

    // What each segment gives the deck, read at most once and shared with every later snapshot that keeps the segment.
    private readonly ContentSlot[] _contents;
    private readonly Lazy<DeckAnalysis> _analysis;
    private LineMap? _lines;

    // The previous snapshot's line map and the edit from it, while this snapshot's own map is not built yet.
    private (LineMap Lines, TextChange Change)? _linesBefore;

    // The previous snapshot's duplicate counts and the segments the edit replaced and put in, while this one's analysis
    // is not built yet: the counts are updated from those segments instead of recounted (one step back, like the lines).
    private (DuplicateIndex Index, ContentSlot[] Removed, ContentSlot[] Added)? _duplicatesBefore;

    // Which snapshot this one was made from by a local re-parse, and the segments that were parsed again: old segments
    // [First, Resume) became new segments [First, Tail). The origin is the earlier snapshot's token, not the snapshot, so
    // a chain of edits keeps no old snapshot alive.
    private readonly object _token = new();
    private (object Origin, int First, int Resume, int Tail)? _edited;

    private sealed class ContentSlot
    {
        public SegmentContent? Content;
    }

    // Some part failed to parse, or the deck is too large to read (SegmentParser.ParseDocument): every edit re-parses
    // the whole text, so that the snapshot is always what a full parse makes of it.
    private bool _hasUnreadable;

    private DeckDocument(string text, string fileName, Segment[] segments, int[] starts, ContentSlot[] contents)
    {
        Text = text;
        FileName = fileName;
        _segments = segments;
        _starts = starts;
        _contents = contents;
        _analysis = new Lazy<DeckAnalysis>(Analyse, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Text { get; }

    /// <summary>The file's name (for the title when the deck names none).</summary>
    public string FileName { get; }

    /// <summary>The line map: after an edit, the previous map with the edited lines re-read, when that map was built.</summary>
    public LineMap Lines
    {
        get
        {
            if (_lines is { } built)
            {
                return built;
            }

            var lines = _linesBefore is var (before, change) ? before.Apply(change, Text) : LineMap.Build(Text);
            _lines = lines;
            _linesBefore = null;
            return lines;
        }
    }

    public Deck Deck => _analysis.Value.Deck;

    /// <summary>Every problem found from the text alone (links to missing files need the disk: see <see cref="LinkCheck"/>).</summary>
    public IReadOnlyList<DeckDiagnostic> Diagnostics => _analysis.Value.Diagnostics;

    public int SegmentCount => _segments.Length;

    /// <summary>The counts behind the deck-wide checks, for tests that compare them with a full recount.</summary>
    internal DuplicateIndex Duplicates => _analysis.Value.Duplicates;

    internal IEnumerable<(int Start, Segment Segment)> Segments()
    {
        for (var i = 0; i < _segments.Length; i++)
        {
            yield return (_starts[i], _segments[i]);
        }
    }

    /// <summary>Each segment's content (in the order of the segments), read now for the segments no earlier snapshot read.</summary>
    internal SegmentContent[] SegmentContents()
    {
        var contents = new SegmentContent[_segments.Length];
        for (var i = 0; i < _segments.Length; i++)
        {
            var slot = _contents[i];
            var content = Volatile.Read(ref slot.Content);
            if (content is null)
            {
                // Two snapshots may read the same segment at once: both get equal contents, either may be kept.
                content = SegmentContent.Read(Text, _starts[i], _segments[i]);
                Volatile.Write(ref slot.Content, content);
            }

            contents[i] = content;
        }

        return contents;
    }

    private DeckAnalysis Analyse()
    {
        var contents = SegmentContents();
        var duplicates = _duplicatesBefore is var (before, removed, added)
            ? before.Update(removed.Select(slot => slot.Content!), added.Select(slot => slot.Content!))
            : DuplicateIndex.Of(contents);
        _duplicatesBefore = null;

        // The starts are never written after construction, so the deck shares them rather than copying.
        return DeckAnalysis.Run(Text, FileName, contents, _starts, duplicates);
    }

    /// <summary>Parses the text; never throws: a part the parser fails on is DECK016 and the rest keeps its cards.</summary>
    public static DeckDocument Parse(string text, string fileName = "deck.deck.md")
    {
        var (parsed, hasUnreadable) = SegmentParser.ParseDocument(text);
        var document = new DeckDocument(text, fileName, parsed.Select(p => p.Segment).ToArray(), parsed.Select(p => p.Start).ToArray(),
            parsed.Select(_ => new ContentSlot()).ToArray())
        {
            _hasUnreadable = hasUnreadable,
        };
        document.ReadContentsInParts();
        return document;
    }

    // A large deck's segments are read on all cores at once, in runs of consecutive segments (DocumentParts cuts the
    // parse the same way); the deck is then assembled from them in order, as from contents read one by one.
    private void ReadContentsInParts()
    {
        var parts = Math.Min(Environment.ProcessorCount, Text.Length / DocumentParts.MinPartLength);
        if (parts <= 1)
        {
            return;
        }

        Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = parts }, part =>
        {
            for (var i = _segments.Length * part / parts; i < _segments.Length * (part + 1) / parts; i++)
            {
                _contents[i].Content = SegmentContent.Read(Text, _starts[i], _segments[i]);
            }
        });
    }

    /// <summary>
    /// Applies one edit (offsets in this snapshot's text, clamped to it) and returns the next snapshot. Never throws:
    /// the edited text is decided first, and whatever the parse of it meets, the snapshot holds that text.
    /// </summary>
    public DeckDocument Apply(TextChange change)
    {
        var oldLength = Text.Length;
        var start = Math.Clamp(change.Span.Start, 0, oldLength);
        var end = Math.Clamp(change.Span.End, start, oldLength);
        change = new TextChange(TextSpan.FromBounds(start, end), change.NewText);
        var text = change.ApplyTo(Text);
        if (_hasUnreadable || text.Length > DeckLimits.MaxDeckLength)
        {
            return Parse(text, FileName);
        }

        try
        {
            return ApplyIncrementally(change, text);
        }
        catch (Exception)
        {
            // The parser failed on the re-parsed region: the full parse finds the failing part and reads around it.
            return Parse(text, FileName);
        }
    }

    private DeckDocument ApplyIncrementally(TextChange change, string text)
    {
        var oldLength = Text.Length;
        var (start, end) = (change.Span.Start, change.Span.End);
        var delta = change.Delta;

        // The segment before the edit is re-read too: the edit may decide whether its successor still starts fresh.
        var first = Math.Max(0, SegmentAt(start) - 1);
        var last = SegmentAt(end);

        // Whether a leading "---" opens front matter depends on a closing fence that may stand anywhere below, and
        // Markdig's answer can even depend on the text after that fence: an edit up to the fence (the title, the tags;
        // rare while typing cards) re-reads the whole document. Otherwise a re-read from the start goes through it.
        if (start <= FrontMatterFence.Close(Text))
        {
            return Parse(text, FileName);
        }

        var minimumEnd = 0;

        if (first == 0 && FrontMatterFence.Close(text) is var close and >= 0 and < int.MaxValue)
        {
            minimumEnd = close;
        }

        var regionStart = _starts[first];
        var reach = 1;
        while (true)
        {
            if (last + 1 >= _segments.Length)
            {
                return Splice(text, first, _segments.Length, SegmentParser.ParseRegion(text, regionStart, text.Length), change);
            }

            // Parse through the next old segment too, so the place we hope to meet the old cuts again is decided by
            // the real text that follows it; then everything from there on is the old parse, shifted.
            var sync = _starts[last + 1] + delta;
            var lookaheadEnd = (last + 2 < _segments.Length ? _starts[last + 2] : oldLength) + delta;
            var parsed = SegmentParser.ParseRegion(text, regionStart, lookaheadEnd);
            var meet = lookaheadEnd >= minimumEnd ? parsed.FindIndex(p => p.Start == sync) : -1;
            if (meet >= 0)
            {
                return Splice(text, first, last + 1, parsed.GetRange(0, meet), change);
            }

            // No cut there: the edit opened something (a code fence, an HTML block) that runs on. Widen geometrically,
            // so a fence that swallows the rest of the deck costs a few parses, not one per segment.
            last = Math.Min(_segments.Length - 1, last + reach);
            reach *= 2;
        }
    }

    private DeckDocument Splice(string text, int first, int resume, List<(int Start, Segment Segment)> middle, TextChange change)
    {
        var delta = change.Delta;
        var count = first + middle.Count + (_segments.Length - resume);
        var segments = new Segment[count];
        var starts = new int[count];
        var contents = new ContentSlot[count];
        Array.Copy(_segments, segments, first);
        Array.Copy(_starts, starts, first);
        Array.Copy(_contents, contents, first);
        for (var i = 0; i < middle.Count; i++)
        {
            segments[first + i] = middle[i].Segment;
            starts[first + i] = middle[i].Start;
            contents[first + i] = new ContentSlot();
        }

        var tail = first + middle.Count;
        Array.Copy(_segments, resume, segments, tail, _segments.Length - resume);
        Array.Copy(_contents, resume, contents, tail, _segments.Length - resume);
        for (var i = resume; i < _segments.Length; i++)
        {
            starts[tail + i - resume] = _starts[i] + delta;
        }

        // Only one step back is kept: a snapshot whose map (or analysis) was never built hands on nothing, and the next
        // builds afresh. The replaced segments' contents were all read by this snapshot's analysis.
        return new DeckDocument(text, FileName, segments, starts, contents)
        {
            _linesBefore = _lines is { } lines ? (lines, change) : null,
            _edited = (_token, first, resume, tail),
            _duplicatesBefore = _analysis.IsValueCreated
                ? (_analysis.Value.Duplicates, _contents[first..resume], contents[first..tail])
                : null,
        };
    }

    /// <summary>
    /// Which cards the edit can have changed, when this snapshot was made by <see cref="Apply"/> from
    /// <paramref name="before"/> re-parsing only part of the text; null otherwise (every card may have changed).
    /// </summary>
    public CardWindow? ChangedCardsSince(DeckDocument before)
    {
        ArgumentNullException.ThrowIfNull(before);
        if (_edited is not var (origin, first, resume, tail) || !ReferenceEquals(origin, before._token))
        {
            return null;
        }

        var earlier = (PlacedCards)before.Deck.Cards;
        var later = (PlacedCards)Deck.Cards;
        return new CardWindow(earlier.CardsBefore(first), earlier.CardsBefore(resume), later.CardsBefore(tail));
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
