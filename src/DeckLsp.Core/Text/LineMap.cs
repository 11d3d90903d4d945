namespace DeckLsp.Core.Text;

/// <summary>
/// Maps between UTF-16 offsets and LSP line/character positions. A line ends after "\n", "\r\n" or a lone "\r",
/// as LSP defines; characters are UTF-16 code units, so a surrogate pair counts two and a tab counts one.
/// A byte order mark, when the text holds one, is an ordinary code unit at offset 0.
/// </summary>
public sealed class LineMap
{
    private readonly int[] _lineStarts;
    private readonly int _length;

    private LineMap(int[] lineStarts, int length)
    {
        _lineStarts = lineStarts;
        _length = length;
    }

    public int LineCount => _lineStarts.Length;

    public int TextLength => _length;

    public static LineMap Build(string text)
    {
        var starts = new List<int>(Math.Max(16, text.Length / 40)) { 0 };
        var span = text.AsSpan();
        var i = 0;
        while (i < span.Length)
        {
            var next = span[i..].IndexOfAny('\r', '\n');
            if (next < 0)
            {
                break;
            }

            i += next;
            i += span[i] == '\r' && i + 1 < span.Length && span[i + 1] == '\n' ? 2 : 1;
            starts.Add(i);
        }

        return new LineMap(starts.ToArray(), text.Length);
    }

    /// <summary>
    /// The map of the text after <paramref name="change"/> (offsets in this map's text), given that text: lines before
    /// the edit are kept, lines after it shifted, and only the edited stretch is read again. Costs a copy of the line
    /// starts, not a scan of the text.
    /// </summary>
    public LineMap Apply(TextChange change, string newText)
    {
        var start = Math.Clamp(change.Span.Start, 0, _length);
        var oldEnd = Math.Clamp(change.Span.End, start, _length);
        var newEnd = start + change.NewText.Length;
        var delta = newEnd - oldEnd;
        if (newText.Length != _length + delta)
        {
            throw new ArgumentException("The new text is not this map's text with the change applied.", nameof(newText));
        }

        // Whether p starts a line depends on the characters at p - 1 and p: unchanged for p < start (kept as they were)
        // and for p > newEnd (the old start p - delta, shifted). Everything in between is read again.
        var kept = LowerBound(start);
        var resume = LowerBound(oldEnd + 1);
        var edited = new List<int>();
        if (kept == 0)
        {
            edited.Add(0);
        }

        for (var p = Math.Max(start, 1); p <= newEnd && p <= newText.Length; p++)
        {
            var before = newText[p - 1];
            if (before == '\n' || (before == '\r' && (p == newText.Length || newText[p] != '\n')))
            {
                edited.Add(p);
            }
        }

        // Block copies and a vectorized shift: this runs on every keystroke over every line of the deck.
        var tail = _lineStarts.Length - resume;
        var starts = new int[kept + edited.Count + tail];
        Array.Copy(_lineStarts, starts, kept);
        edited.CopyTo(starts, kept);
        var shifted = starts.AsSpan(kept + edited.Count);
        _lineStarts.AsSpan(resume).CopyTo(shifted);
        if (delta != 0)
        {
            Shift(shifted, delta);
        }

        return new LineMap(starts, newText.Length);
    }

    private static void Shift(Span<int> values, int delta)
    {
        var vectors = System.Runtime.InteropServices.MemoryMarshal.Cast<int, System.Numerics.Vector<int>>(values);
        var add = new System.Numerics.Vector<int>(delta);
        for (var i = 0; i < vectors.Length; i++)
        {
            vectors[i] += add;
        }

        for (var i = vectors.Length * System.Numerics.Vector<int>.Count; i < values.Length; i++)
        {
            values[i] += delta;
        }
    }

    // The index of the first line start at or after offset.
    private int LowerBound(int offset)
    {
        var index = Array.BinarySearch(_lineStarts, offset);
        return index >= 0 ? index : ~index;
    }

    public int LineStart(int line) => _lineStarts[Math.Clamp(line, 0, _lineStarts.Length - 1)];

    /// <summary>The offset just past the line's last character, before its line break.</summary>
    public int LineEnd(int line, string text)
    {
        var end = line + 1 < _lineStarts.Length ? _lineStarts[line + 1] : _length;
        while (end > _lineStarts[line] && (text[end - 1] == '\n' || text[end - 1] == '\r'))
        {
            end--;
        }

        return end;
    }

    public int GetLine(int offset)
    {
        offset = Math.Clamp(offset, 0, _length);
        var index = Array.BinarySearch(_lineStarts, offset);
        return index >= 0 ? index : ~index - 1;
    }

    public LinePosition GetPosition(int offset)
    {
        offset = Math.Clamp(offset, 0, _length);
        var line = GetLine(offset);
        return new LinePosition(line, offset - _lineStarts[line]);
    }

    public LineRange GetRange(TextSpan span) => new(GetPosition(span.Start), GetPosition(span.End));

    /// <summary>The offset of a position; a character past the end of its line clamps to the line's end, as LSP asks.</summary>
    public int GetOffset(LinePosition position, string text)
    {
        if (position.Line < 0)
        {
            return 0;
        }

        if (position.Line >= _lineStarts.Length)
        {
            return _length;
        }

        var start = _lineStarts[position.Line];
        var lineEnd = LineEnd(position.Line, text);
        return Math.Clamp(start + position.Character, start, lineEnd);
    }

    public TextSpan GetSpan(LineRange range, string text)
    {
        var start = GetOffset(range.Start, text);
        var end = GetOffset(range.End, text);
        return TextSpan.FromBounds(start, Math.Max(start, end));
    }
}
