namespace DeckLsp.Core.Text;

/// <summary>A zero-based line and a zero-based UTF-16 code unit offset within that line, as LSP counts them.</summary>
public readonly record struct LinePosition(int Line, int Character) : IComparable<LinePosition>
{
    public int CompareTo(LinePosition other) =>
        Line != other.Line ? Line.CompareTo(other.Line) : Character.CompareTo(other.Character);

    public override string ToString() => $"{Line}:{Character}";
}

/// <summary>A range between two line positions, end exclusive.</summary>
public readonly record struct LineRange(LinePosition Start, LinePosition End)
{
    public override string ToString() => $"{Start}-{End}";
}
