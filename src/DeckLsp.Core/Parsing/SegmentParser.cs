using DeckLsp.Core.Documents;
using DeckLsp.Core.Text;

namespace DeckLsp.Core.Parsing;

/// <summary>Parses a region of the text into segments, cut at every place where a fresh parse may start.</summary>
internal static class SegmentParser
{
    /// <summary>Parses the region with Markdig; throws what Markdig throws (see <see cref="ParseDocument"/>).</summary>
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

    /// <summary>
    /// Parses the whole text and never throws. A text over <see cref="DeckLimits.MaxDeckLength"/> is one segment that
    /// says so and nothing more. Markdig throws past its nesting limits (and could on a bug): then the
    /// line it fails at is found, the text before it is parsed on its own, the line and what follows it up to the next
    /// paragraph at the left margin become one segment without cards (<see cref="FactKind.Unreadable"/>), and the parse
    /// goes on from there. The result depends on the text alone, so an edited snapshot can always equal it.
    /// </summary>
    public static (List<(int Start, Segment Segment)> Segments, bool HasUnreadable) ParseDocument(string text)
    {
        if (text.Length > DeckLimits.MaxDeckLength)
        {
            var firstLine = text.AsSpan().IndexOfAny('\r', '\n');
            var fact = new Fact(FactKind.TooLarge, new TextSpan(0, firstLine < 0 ? text.Length : firstLine));
            return ([(0, new Segment(text.Length, [], [fact]))], true);
        }

        try
        {
            return (DocumentParts.Parse(text), false);
        }
        catch (Exception)
        {
            return (ParseAroundFailures(text), true);
        }
    }

    private static List<(int Start, Segment Segment)> ParseAroundFailures(string text)
    {
        var lineEnds = LineEnds(text);
        var segments = new List<(int Start, Segment Segment)>();
        var position = 0;
        while (position < text.Length)
        {
            // The first line whose inclusion makes the parse from here fail: doubling the span, then halving it, so that
            // finding it costs about twice the parse of the text before it.
            var first = FirstLineEndingAfter(lineEnds, position == 0 ? FrontMatterEnd(text) : position);
            var good = first - 1;
            var bad = -1;
            for (var step = 1; bad < 0; step *= 2)
            {
                var candidate = Math.Min(first + step - 1, lineEnds.Length - 1);
                if (Fails(text, position, lineEnds[candidate], out _))
                {
                    bad = candidate;
                }
                else if (candidate == lineEnds.Length - 1)
                {
                    segments.AddRange(ParseRegion(text, position, text.Length));
                    return segments;
                }
                else
                {
                    good = candidate;
                }
            }

            while (bad - good > 1)
            {
                var middle = good + (bad - good) / 2;
                if (Fails(text, position, lineEnds[middle], out _))
                {
                    bad = middle;
                }
                else
                {
                    good = middle;
                }
            }

            var badStart = good < first ? position : lineEnds[good];
            Fails(text, position, lineEnds[bad], out var failure);
            if (badStart > position)
            {
                segments.AddRange(ParseRegion(text, position, badStart));
            }

            var resume = NextParagraphAtMargin(text, lineEnds, bad);
            var lineLength = text.AsSpan(badStart, lineEnds[bad] - badStart).TrimEnd("\r\n").Length;
            var fact = new Fact(FactKind.Unreadable, new TextSpan(0, lineLength), Reason(failure));
            segments.Add((badStart, new Segment(resume - badStart, [], [fact])));
            position = resume;
        }

        return segments;
    }

    private static bool Fails(string text, int start, int end, out Exception? failure)
    {
        try
        {
            BlockReader.Read(text, start, end, atDocumentStart: start == 0);
            failure = null;
            return false;
        }
        catch (Exception e)
        {
            failure = e;
            return true;
        }
    }

    private static string Reason(Exception? failure) =>
        failure is NestedTooDeepException
        || (failure is ArgumentException { Message: var message } && message.Contains("depth limit", StringComparison.Ordinal))
            ? $"its block quotes, lists or links are nested too deep (the limit is {DeckLimits.MaxBlockNesting} levels)"
            : "the Markdown parser failed on it";

    // The offset after each line's break (the text's end for the last line), in order.
    private static int[] LineEnds(string text)
    {
        var ends = new List<int>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                ends.Add(i + 1);
            }
        }

        if (ends.Count == 0 || ends[^1] < text.Length)
        {
            ends.Add(text.Length);
        }

        return ends.ToArray();
    }

    private static int FirstLineEndingAfter(int[] lineEnds, int offset)
    {
        var index = Array.BinarySearch(lineEnds, offset + 1);
        return Math.Min(index >= 0 ? index : ~index, lineEnds.Length - 1);
    }

    // Front matter is not Markdown (Markdig never sees it): a parse that stopped inside it would read it as Markdown.
    private static int FrontMatterEnd(string text) => FrontMatterFence.Close(text) is var close and >= 0 and < int.MaxValue ? close : 0;

    // Where reading can start afresh after a failure: the first line after a blank line that starts at the left margin
    // with something other than a container marker. Without a parse this is a guess, which is all a broken part allows.
    private static int NextParagraphAtMargin(string text, int[] lineEnds, int badLine)
    {
        var blank = false;
        for (var line = badLine + 1; line < lineEnds.Length; line++)
        {
            var start = lineEnds[line - 1];
            var content = text.AsSpan(start, lineEnds[line] - start).TrimEnd("\r\n");
            if (content.IsWhiteSpace())
            {
                blank = true;
            }
            else if (blank && content[0] is not ('>' or '-' or '*' or '+' or ' ' or '\t' or ':' or '|' or '[' or (>= '0' and <= '9')))
            {
                return start;
            }
            else
            {
                blank = false;
            }
        }

        return text.Length;
    }
}

/// <summary>What <see cref="BlockReader"/> throws for a line nested past the limit, before Markdig pays to find out.</summary>
internal sealed class NestedTooDeepException() : Exception("Markdown elements in the input are too deeply nested.");
