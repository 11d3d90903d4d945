using DeckLsp.Core.Diagnostics;
using DeckLsp.Core.Documents;
using DeckLsp.Core.Text;

namespace DeckLsp.Core.Model;

/// <summary>
/// Assembles a deck from what each segment found (<see cref="SegmentContent"/>): sections from the headings in order,
/// the cards as a <see cref="PlacedCards"/> list (placed in their sections and moved to where their segment stands only
/// when read), the segments' problems and links. This walk is linear in the number of segments, headings, problems and
/// links, with nothing allocated per card; the checks that need the whole deck (duplicates) are
/// <see cref="DeckAnalysis"/>'s, which asks the <see cref="DuplicateIndex"/> first whether there can be any.
/// </summary>
internal sealed class DeckBuilder(string text, string fileName)
{
    private readonly List<Section> _sections = [];
    private readonly List<DeckDiagnostic> _problems = [];
    private readonly List<LinkTarget> _links = [];
    private readonly Stack<int> _openSections = new();
    private FrontMatterReader.Result? _frontMatter;
    private int _neighbourSyntax;

    /// <param name="contents">Each segment's content, in order.</param>
    /// <param name="starts">Where each segment starts in the text (kept by the deck: never written after this).</param>
    public (Deck Deck, List<DeckDiagnostic> Problems) Build(SegmentContent[] contents, int[] starts)
    {
        var count = contents.Length;
        var cardsBefore = new int[count];
        var sectionsBefore = new int[count];
        var sectionAtStart = new int[count];
        var cards = 0;
        for (var s = 0; s < count; s++)
        {
            var (start, content) = (starts[s], contents[s]);
            cardsBefore[s] = cards;
            sectionsBefore[s] = _sections.Count;
            sectionAtStart[s] = OpenSectionIndex;
            cards += content.Cards.Length;
            if (content.FrontMatter is { } frontMatter)
            {
                _frontMatter = frontMatter;
                _problems.AddRange(frontMatter.Problems.Select(p => p.Shifted(start)));
            }

            foreach (var heading in content.Headings)
            {
                OpenSection(heading.Item with { Span = heading.Item.Span.Shift(start) });
            }

            foreach (var problem in content.Problems)
            {
                // DECK021 is one per file: the first segment's stands.
                if (problem.Code == DiagnosticCodes.NeighbourSyntax && _neighbourSyntax++ > 0)
                {
                    continue;
                }

                _problems.Add(problem.Shifted(start));
            }

            foreach (var link in content.Links)
            {
                _links.Add(link with { Span = link.Span.Shift(start) });
            }
        }

        CloseSections(0, text.Length);
        var deck = new Deck
        {
            Title = _frontMatter?.Title ?? _sections.FirstOrDefault(s => s.Level == 1)?.Title ?? TitleFromFileName(fileName),
            Tags = _frontMatter?.Tags ?? [],
            Id = _frontMatter?.Id,
            Sections = _sections,
            Cards = new PlacedCards(contents, starts, cardsBefore, sectionsBefore, sectionAtStart, cards),
            Links = _links,
        };
        return (deck, _problems);
    }

    private int OpenSectionIndex => _openSections.Count > 0 ? _openSections.Peek() : -1;

    private void OpenSection(Parsing.Item heading)
    {
        CloseSections(heading.Level, heading.Span.Start);
        var index = _sections.Count;
        _sections.Add(new Section
        {
            Index = index,
            Title = heading.Text,
            Level = heading.Level,
            Heading = heading.Span,
            Span = heading.Span,
            ParentIndex = OpenSectionIndex,
        });
        _openSections.Push(index);
    }

    // A section runs until the next heading of the same or a higher level; level 0 closes them all.
    private void CloseSections(int level, int end)
    {
        while (_openSections.Count > 0 && _sections[_openSections.Peek()].Level >= level)
        {
            var index = _openSections.Pop();
            _sections[index] = _sections[index] with { Span = TextSpan.FromBounds(_sections[index].Heading.Start, end) };
        }
    }

    private static string TitleFromFileName(string fileName)
    {
        var name = Path.GetFileName(fileName);
        foreach (var suffix in new[] { ".deck.md", ".md" })
        {
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    }
}
