namespace DeckLsp.Core.Rendering;

/// <summary>How a run of card text is set: the terminal shows each, plain text drops them.</summary>
[Flags]
public enum TextStyle
{
    None = 0,
    Strong = 1,
    Emphasis = 2,
    Code = 4,

    /// <summary>TeX source, delimiters included (<c>$x^2$</c>): terminals and message boxes cannot typeset it.</summary>
    Math = 8,

    /// <summary>A cloze deletion: hidden (<c>[...]</c> or <c>[hint]</c>) on the front, revealed on the back.</summary>
    Cloze = 16,

    Link = 32,

    /// <summary>Prefixes that structure a line (list bullets, quote bars, rules): not the card's own words.</summary>
    Muted = 64,
}

/// <summary>A run of text in one style.</summary>
public readonly record struct TextRun(string Text, TextStyle Style);

/// <summary>One line of a card as text.</summary>
public sealed record TextLine(IReadOnlyList<TextRun> Runs)
{
    public string Plain => string.Concat(Runs.Select(r => r.Text));
}

/// <summary>
/// A card for a terminal or a message box: its question and, for the answer step, what the back shows (the answer;
/// for a cloze card the text with the deletion revealed, then the extra text).
/// </summary>
public sealed record TextCard(IReadOnlyList<TextLine> Front, IReadOnlyList<TextLine> Back)
{
    public static string Plain(IReadOnlyList<TextLine> lines) => string.Join("\n", lines.Select(l => l.Plain));
}
