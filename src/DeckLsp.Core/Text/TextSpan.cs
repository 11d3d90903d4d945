namespace DeckLsp.Core.Text;

/// <summary>A half-open range [Start, End) of UTF-16 code units in a document's text.</summary>
public readonly record struct TextSpan(int Start, int Length)
{
    public int End => Start + Length;

    public bool IsEmpty => Length == 0;

    public static TextSpan FromBounds(int start, int end) => new(start, end - start);

    public bool Contains(int offset) => offset >= Start && offset < End;

    /// <summary>True when the offset is inside the span or at its end (a cursor touching it).</summary>
    public bool Touches(int offset) => offset >= Start && offset <= End;

    public TextSpan Shift(int delta) => new(Start + delta, Length);

    public override string ToString() => $"[{Start}..{End})";
}
