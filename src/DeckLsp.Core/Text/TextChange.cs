namespace DeckLsp.Core.Text;

/// <summary>An edit: the text in <see cref="Span"/> (offsets in the text before the edit) is replaced by <see cref="NewText"/>.</summary>
public readonly record struct TextChange(TextSpan Span, string NewText)
{
    public int Delta => NewText.Length - Span.Length;

    public string ApplyTo(string text) =>
        string.Concat(text.AsSpan(0, Span.Start), NewText.AsSpan(), text.AsSpan(Span.End));
}
