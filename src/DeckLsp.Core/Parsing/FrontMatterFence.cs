namespace DeckLsp.Core.Parsing;

/// <summary>
/// Front matter, as decks define it: a first line <c>---</c> (after a byte order mark, if any) closed by the next line
/// that is <c>---</c> or <c>...</c>. Decided here, from the text up to the closing fence only, rather than by Markdig's
/// extension, whose answer can depend on text beyond the fence: that would make it impossible to re-parse locally.
/// </summary>
public static class FrontMatterFence
{
    /// <summary>
    /// Where front matter would end: -1 when the text does not open with a "---" line, int.MaxValue when nothing
    /// closes it, else the end of the first "---" or "..." line after it.
    /// </summary>
    public static int Close(string text)
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
}
