using DeckLsp.Core.Diagnostics;
using DeckLsp.Core.Documents;
using DeckLsp.Core.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace DeckLsp.Core.Model;

/// <summary>Reads the YAML front matter's known keys (title, tags, id) and reports what is wrong with it.</summary>
internal static class FrontMatterReader
{
    public sealed record Result(string? Title, IReadOnlyList<string> Tags, string? Id, IReadOnlyList<DeckDiagnostic> Problems);

    private static readonly string[] KnownKeys = ["title", "tags", "id"];

    /// <param name="text">The deck's text.</param>
    /// <param name="yaml">The text between the fences.</param>
    /// <param name="contentStart">The offset of <paramref name="yaml"/>'s first character in the deck.</param>
    /// <param name="block">The whole front matter block, for problems without a better place.</param>
    public static Result Read(string text, string yaml, int contentStart, TextSpan block)
    {
        var problems = new List<DeckDiagnostic>();
        string? title = null, id = null;
        var tags = new List<string>();

        // YamlDotNet gives collections no end, and errors an empty place: such a span runs on to the end of its line.
        TextSpan SpanOf(Mark start, Mark end)
        {
            var from = Math.Min(contentStart + (int)start.Index, block.End);
            var to = Math.Min(contentStart + (int)end.Index, block.End);
            if (to <= from)
            {
                to = from;
                while (to < block.End && text[to] is not ('\n' or '\r'))
                {
                    to++;
                }
            }

            return TextSpan.FromBounds(from, to);
        }

        YamlStream stream = [];
        try
        {
            stream.Load(new DepthLimitedParser(new Parser(new StringReader(yaml))));
        }
        catch (YamlException e)
        {
            var at = SpanOf(e.Start, e.End);
            problems.Add(new DeckDiagnostic(DiagnosticCodes.FrontMatter, DeckSeverity.Error,
                $"Invalid YAML in front matter: {e.InnerException?.Message ?? e.Message}", at.IsEmpty ? block : at));
            return new Result(null, [], null, problems);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            // Parsing never fails: YamlDotNet throws more than YamlException on some malformed input.
            problems.Add(new DeckDiagnostic(DiagnosticCodes.FrontMatter, DeckSeverity.Error, $"Invalid YAML in front matter: {e.Message}", block));
            return new Result(null, [], null, problems);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return new Result(null, [], null, problems);
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode mapping)
        {
            var root = stream.Documents[0].RootNode;
            problems.Add(Error("Front matter must be a mapping of keys (title, tags, id) to values.", SpanOf(root.Start, root.End)));
            return new Result(null, [], null, problems);
        }

        foreach (var (keyNode, value) in mapping.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var keySpan = SpanOf(keyNode.Start, keyNode.End);
            var valueSpan = SpanOf(value.Start, value.End);
            switch (key)
            {
                case "title":
                    if (value is YamlScalarNode { Value: not null } scalarTitle)
                    {
                        title = scalarTitle.Value;
                    }
                    else
                    {
                        problems.Add(Error("Front matter `title` must be a string.", valueSpan.IsEmpty ? keySpan : valueSpan));
                    }

                    break;
                case "id":
                    if (value is YamlScalarNode { Value: { Length: > 0 } scalarId } && CardIds.IsValid(scalarId))
                    {
                        id = scalarId;
                    }
                    else
                    {
                        problems.Add(Error("Front matter `id` must be a string of 1 to 64 letters, digits, '-' or '_'.",
                            valueSpan.IsEmpty ? keySpan : valueSpan));
                    }

                    break;
                case "tags":
                    if (value is YamlSequenceNode sequence && sequence.Children.All(t => t is YamlScalarNode { Value: not null }))
                    {
                        tags.AddRange(sequence.Children.Select(t => ((YamlScalarNode)t).Value!));
                    }
                    else
                    {
                        problems.Add(Error("Front matter `tags` must be a list of strings, such as `tags: [rnn, deep-learning]`.",
                            valueSpan.IsEmpty ? keySpan : valueSpan));
                    }

                    break;
                default:
                    problems.Add(new DeckDiagnostic(DiagnosticCodes.FrontMatter, DeckSeverity.Warning,
                        $"Unknown front matter key `{key}`: DeckLsp reads {string.Join(", ", KnownKeys)}.", keySpan));
                    break;
            }
        }

        return new Result(title, tags, id, problems);
    }

    private static DeckDiagnostic Error(string message, TextSpan span) =>
        new(DiagnosticCodes.FrontMatter, DeckSeverity.Error, message, span);

    /// <summary>
    /// YamlDotNet's parser is a state machine, but its model (<see cref="YamlStream"/>) is built by recursion, one call
    /// per level: `[[[[…` 30,000 deep overflows the stack, which no catch survives. The events are counted on the way in,
    /// and a collection past <see cref="DeckLimits.MaxFrontMatterDepth"/> stops the load as a YAML error at that place.
    /// </summary>
    private sealed class DepthLimitedParser(IParser inner) : IParser
    {
        private int _depth;

        public ParsingEvent? Current => inner.Current;

        public bool MoveNext()
        {
            if (!inner.MoveNext())
            {
                return false;
            }

            switch (inner.Current)
            {
                case SequenceStart or MappingStart when ++_depth > DeckLimits.MaxFrontMatterDepth:
                    // The event's own span is empty: point at the one character that opens the level too many.
                    var start = inner.Current.Start;
                    throw new YamlException(start, new Mark(start.Index + 1, start.Line, start.Column + 1),
                        $"nested deeper than {DeckLimits.MaxFrontMatterDepth} levels.");
                case SequenceEnd or MappingEnd:
                    _depth--;
                    break;
            }

            return true;
        }
    }
}
