using Markdig;
using Markdig.Helpers;
using Markdig.Parsers;
using Markdig.Parsers.Inlines;
using Markdig.Renderers;
using Markdig.Syntax.Inlines;

namespace DeckLsp.Core.Parsing;

/// <summary>
/// Markdig's link parser, with the limits CommonMark allows implementations to set so that no input costs more than
/// linear time (cmark sets the same ones). Unbounded, a run of `[a](` scanned the rest of the line once per opener:
/// 200 KB took seconds, and `[` nested thousands deep cost the square of the depth before Markdig gave up and threw.
/// </summary>
internal sealed class BoundedLinks : IMarkdownExtension
{
    /// <summary>Unescaped parentheses nested in a link destination: `[a](x(y))` is one level.</summary>
    public const int MaxParenthesisDepth = 32;

    /// <summary>Link or image openers (`[`, `![`) open at once; past it, a `[` is text.</summary>
    public const int MaxOpenBrackets = 32;

    public void Setup(MarkdownPipelineBuilder pipeline) =>
        pipeline.InlineParsers.Replace<LinkInlineParser>(new BoundedLinkInlineParser());

    public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
    {
    }

    private sealed class BoundedLinkInlineParser : LinkInlineParser
    {
        public override bool Match(InlineProcessor processor, ref StringSlice slice)
        {
            var c = slice.CurrentChar;
            if ((c == '[' || (c == '!' && slice.PeekChar() == '[')) && OpenBrackets(processor) >= MaxOpenBrackets)
            {
                return false;
            }

            if (c != ']' || slice.PeekChar() != '(' || BoundOfDestination(slice) is not { } bound)
            {
                return base.Match(processor, ref slice);
            }

            // Past the bound the destination (or title) cannot be valid: Markdig sees the text end there, fails the
            // inline link at once instead of scanning on, and goes on as it does for any `](` that is not a link.
            var bounded = slice;
            bounded.End = bound - 1;
            var matched = base.Match(processor, ref bounded);
            slice.Start = bounded.Start;
            return matched;
        }

        private static int OpenBrackets(InlineProcessor processor)
        {
            var open = 0;
            for (Inline? inline = processor.Inline; inline is not null && open < MaxOpenBrackets; inline = inline.Parent)
            {
                if (inline is LinkDelimiterInline { IsActive: true })
                {
                    open++;
                }
            }

            return open;
        }

        /// <summary>
        /// Where the link destination after "](" nests its parentheses too deep, or its parenthesised title opens an
        /// unescaped "(" (which CommonMark does not allow in one); null when neither happens before they end.
        /// </summary>
        private static int? BoundOfDestination(StringSlice slice)
        {
            var text = slice.Text;
            var end = slice.End;
            var i = slice.Start + 2;
            while (i <= end && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i <= end && text[i] == '<')
            {
                return null;
            }

            var depth = 0;
            for (; i <= end; i++)
            {
                var c = text[i];
                if (c == '\\' && i < end && !IsEndOfDestination(text[i + 1]))
                {
                    i++;
                }
                else if (c == '(' && ++depth > MaxParenthesisDepth)
                {
                    return i;
                }
                else if (c == ')' && --depth < 0)
                {
                    return null;
                }
                else if (IsEndOfDestination(c))
                {
                    break;
                }
            }

            while (i <= end && char.IsWhiteSpace(text[i]))
            {
                i++;
            }

            if (i > end || text[i] != '(')
            {
                return null;
            }

            for (i++; i <= end; i++)
            {
                switch (text[i])
                {
                    case '\\':
                        i++;
                        break;
                    case ')':
                        return null;
                    case '(':
                        return i;
                }
            }

            return null;
        }

        private static bool IsEndOfDestination(char c) => c is ' ' or '\t' || char.IsControl(c);
    }
}
