using DeckLsp.Core.Diagnostics;
using DeckLsp.Core.Text;

namespace DeckLsp.Core.Model;

/// <summary>
/// Assembles a deck from what each segment found (<see cref="SegmentContent"/>): sections from the headings in order,
/// cards placed in them and moved to where their segment stands, and the checks that need the whole deck (duplicates).
/// This walk is linear in the number of cards and headings, not in the text; nothing in it re-reads the text.
/// </summary>
internal sealed class DeckBuilder(string text, string fileName)
{
    private readonly List<Card> _cards = [];
    private readonly List<string> _questions = [];
    private readonly List<string?> _reverseAnswers = [];
    private readonly List<Section> _sections = [];
    private readonly List<DeckDiagnostic> _problems = [];
    private readonly List<LinkTarget> _links = [];
    private readonly Stack<int> _openSections = new();
    private FrontMatterReader.Result? _frontMatter;
    private int _neighbourSyntax;

    public (Deck Deck, List<DeckDiagnostic> Problems) Build(IEnumerable<(int Start, SegmentContent Content)> segments)
    {
        foreach (var (start, content) in segments)
        {
            if (content.FrontMatter is { } frontMatter)
            {
                _frontMatter = frontMatter;
                _problems.AddRange(frontMatter.Problems.Select(p => p.Shifted(start)));
            }

            var next = 0;
            foreach (var heading in content.Headings)
            {
                while (next < heading.CardsBefore)
                {
                    AddCard(content, next++, start);
                }

                OpenSection(heading.Item with { Span = heading.Item.Span.Shift(start) });
            }

            while (next < content.Cards.Length)
            {
                AddCard(content, next++, start);
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
        CardChecks.ReportDuplicateQuestions(_cards, _questions, _problems);
        CardChecks.ReportReverseDuplicates(_cards, _questions, _reverseAnswers, _problems);
        CardChecks.ReportDuplicateIds(_cards, _problems);
        var deck = new Deck
        {
            Title = _frontMatter?.Title ?? _sections.FirstOrDefault(s => s.Level == 1)?.Title ?? TitleFromFileName(fileName),
            Tags = _frontMatter?.Tags ?? [],
            Id = _frontMatter?.Id,
            Sections = _sections,
            Cards = _cards,
            Links = _links,
        };
        return (deck, _problems);
    }

    private void AddCard(SegmentContent content, int index, int start)
    {
        _cards.Add(content.Cards[index].Shifted(start, _openSections.Count > 0 ? _openSections.Peek() : -1));
        _questions.Add(content.NormalizedQuestions[index]);
        _reverseAnswers.Add(content.NormalizedReverseAnswers[index]);
    }

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
            ParentIndex = _openSections.Count > 0 ? _openSections.Peek() : -1,
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
