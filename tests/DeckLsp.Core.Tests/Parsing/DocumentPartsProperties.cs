using DeckLsp.Core.Documents;
using DeckLsp.Core.Model;
using DeckLsp.Core.Parsing;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DeckLsp.Core.Tests.Parsing;

/// <summary>
/// The full parse in parts (<see cref="DocumentParts"/>) must give exactly what one sequential parse of the whole text
/// gives, wherever the parts are guessed to start: at real segment starts, at likely ones, or anywhere at all.
/// </summary>
public class DocumentPartsProperties
{
    public sealed record Case(string Deck, int[] Picks)
    {
        public override string ToString() => $"deck {Deck.Replace("\r", "\\r").Replace("\n", "\\n\n")}\npicks {string.Join(", ", Picks)}";
    }

    // The incremental parse's pieces (every construct that moves segment boundaries), repeated into decks long enough
    // to hold several parts.
    public static Arbitrary<Case> Cases() =>
        (from deck in IncrementalParseProperties.Scenarios().Generator.Select(s => s.Deck)
         from more in IncrementalParseProperties.Scenarios().Generator.Select(s => s.Deck)
         from picks in Gen.Choose(0, 1_000_000).ArrayOf().Select(p => p.Take(6).ToArray())
         select new Case(deck + more + deck, picks)).ToArbitrary();

    [Property(MaxTest = 500, Arbitrary = [typeof(DocumentPartsProperties)])]
    public Property Parts_starting_anywhere_give_the_sequential_parse(Case @case)
    {
        var text = @case.Deck;
        var sequential = Sequential(text);
        var cuts = sequential.Segments?.Select(s => s.Start).Where(s => s > 0).ToArray() ?? [];

        // Even picks start a part at a real segment start, odd ones at any offset: both kinds of guess get checked.
        var starts = @case.Picks
            .Select(p => p % 2 == 0 && cuts.Length > 0 ? cuts[p / 2 % cuts.Length] : text.Length == 0 ? 0 : p % text.Length)
            .Where(s => s > 0)
            .Append(0)
            .Distinct()
            .Order()
            .ToList();
        return Same(text, sequential, () => DocumentParts.Parse(text, starts)).Label($"starts {string.Join(", ", starts)}");
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(DocumentPartsProperties)])]
    public Property Parts_at_likely_segment_starts_give_the_sequential_parse(Case @case)
    {
        var text = @case.Deck;
        var sequential = Sequential(text);
        var count = 2 + (@case.Picks.FirstOrDefault() % 4);
        var starts = DocumentParts.Starts(text, count);
        return Same(text, sequential, () => DocumentParts.Parse(text, starts)).Label($"starts {string.Join(", ", starts)}");
    }

    [Fact]
    public void Likely_starts_of_a_long_deck_are_headings_and_questions_after_a_blank_line()
    {
        var text = string.Concat(Enumerable.Range(0, 400).Select(i => i % 50 == 0 ? $"## Part {i}\n\nQ: q{i}?\nA: a\n\n" : $"Q: q{i}?\nA: a\n\n"));

        var starts = DocumentParts.Starts(text, 4);

        Assert.Equal(4, starts.Count);
        Assert.Equal(0, starts[0]);
        Assert.All(starts.Skip(1), s => Assert.True(text.AsSpan(s).StartsWith("Q: ") || text.AsSpan(s).StartsWith("## ")));
        Assert.Equal(starts.Order(), starts);
        var cuts = SegmentParser.ParseRegion(text, 0, text.Length).Select(s => s.Start).ToHashSet();
        Assert.All(starts, s => Assert.Contains(s, cuts));
    }

    [Fact]
    public void A_deck_whose_front_matter_is_never_closed_is_one_part()
    {
        var text = "---\ntitle: T\n" + string.Concat(Enumerable.Repeat("## H\n\nQ: a?\nA: b\n\n", 5_000));

        Assert.Equal([0], DocumentParts.Starts(text, 2));
    }

    [Fact]
    public void A_large_deck_read_in_parts_has_the_model_read_segment_by_segment()
    {
        // About 400 KB: over DocumentParts.MinPartLength per core, so a machine of two or more cores reads it in parts.
        var pieces = new System.Text.StringBuilder();
        while (pieces.Length < 400_000)
        {
            foreach (var scenario in Gen.Sample(IncrementalParseProperties.Scenarios().Generator, 60, 8))
            {
                pieces.Append(scenario.Deck).Append("\n\n## Part\n\nQ: q?\nA: a {{x}}\n\n");
            }
        }

        var text = pieces.ToString();
        Assert.True(text.Length > 2 * DocumentParts.MinPartLength, $"the deck is only {text.Length} characters");

        var document = DeckDocument.Parse(text, "big.deck.md");

        var segments = SegmentParser.ParseRegion(text, 0, text.Length);
        // The sequential path: every segment read one after another, then the deck-wide checks over them.
        var contents = segments.Select(s => SegmentContent.Read(text, s.Start, s.Segment)).ToArray();
        var (deck, problems, _) = DeckAnalysis.Run(text, "big.deck.md", contents, segments.Select(s => s.Start).ToArray(), DuplicateIndex.Of(contents));
        Assert.Equal(segments.Select(s => s.Start), document.Segments().Select(s => s.Start));
        Assert.True(segments.Zip(document.Segments()).All(pair => pair.First.Segment.Equivalent(pair.Second.Segment)));
        Assert.Equal(deck.Cards.Select(c => (c.Span, c.Title, c.Kind, c.SectionIndex)), document.Deck.Cards.Select(c => (c.Span, c.Title, c.Kind, c.SectionIndex)));
        Assert.Equal(deck.Sections, document.Deck.Sections);
        Assert.Equal(problems.Select(p => $"{p.Code} {p.Span} {p.Message}").Order(StringComparer.Ordinal),
            document.Diagnostics.Select(p => $"{p.Code} {p.Span} {p.Message}").Order(StringComparer.Ordinal));
    }

    private static (List<(int Start, Segment Segment)>? Segments, Type? Failure) Sequential(string text)
    {
        try
        {
            return (SegmentParser.ParseRegion(text, 0, text.Length), null);
        }
        catch (Exception e)
        {
            return (null, e.GetType());
        }
    }

    private static Property Same(string text, (List<(int Start, Segment Segment)>? Segments, Type? Failure) sequential, Func<List<(int Start, Segment Segment)>> inParts)
    {
        List<(int Start, Segment Segment)> parts;
        try
        {
            parts = inParts();
        }
        catch (Exception e)
        {
            return (sequential.Failure == e.GetType()).Label($"the parts threw {e.GetType().Name}, the sequential parse {sequential.Failure?.Name ?? "nothing"}");
        }

        if (sequential.Segments is not { } expected)
        {
            return false.Label($"the sequential parse threw {sequential.Failure!.Name}, the parts did not");
        }

        var same = expected.Count == parts.Count
            && expected.Zip(parts).All(pair => pair.First.Start == pair.Second.Start && pair.First.Segment.Equivalent(pair.Second.Segment));
        return same.Label($"sequential: {string.Join(" ", expected.Select(s => $"@{s.Start}+{s.Segment.Length}"))}\n"
            + $"in parts:   {string.Join(" ", parts.Select(s => $"@{s.Start}+{s.Segment.Length}"))}\n(text length {text.Length})");
    }
}
