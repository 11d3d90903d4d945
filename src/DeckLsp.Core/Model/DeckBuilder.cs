using DeckLsp.Core.Diagnostics;
using DeckLsp.Core.Parsing;
using DeckLsp.Core.Text;

namespace DeckLsp.Core.Model;

/// <summary>
/// Walks a document's items in order and assembles sections and cards, reporting what cannot be a well-formed card.
/// Nothing is dropped silently: every marker either becomes part of a card or gets a diagnostic.
/// </summary>
internal sealed class DeckBuilder(string text, string fileName)
{
    private readonly List<Card> _cards = [];
    private readonly List<Section> _sections = [];
    private readonly List<DeckDiagnostic> _problems = [];
    private readonly List<(int Start, Fact Fact)> _facts = [];
    private readonly Stack<int> _openSections = new();
    private FrontMatterReader.Result? _frontMatter;
    private OpenCard? _card;

    private sealed class OpenCard(CardKind kind, TextSpan marker)
    {
        public CardKind Kind { get; } = kind;

        public TextSpan Marker { get; } = marker;

        public int QuestionEnd { get; set; } = marker.End;

        public TextSpan? AnswerMarker { get; set; }

        public int AnswerEnd { get; set; }

        public int SectionIndex { get; init; }
    }

    public (Deck Deck, List<DeckDiagnostic> Problems, List<(int Start, Fact Fact)> Facts) Build(IEnumerable<(int Start, Segment Segment)> segments)
    {
        foreach (var (start, segment) in segments)
        {
            foreach (var item in segment.Items)
            {
                Accept(item with { Span = item.Span.Shift(start) });
            }

            foreach (var fact in segment.Facts)
            {
                _facts.Add((start, fact));
            }
        }

        CloseCard();
        CloseSections(0, text.Length);
        var deck = new Deck
        {
            Title = _frontMatter?.Title ?? _sections.FirstOrDefault(s => s.Level == 1)?.Title ?? TitleFromFileName(fileName),
            Tags = _frontMatter?.Tags ?? [],
            Id = _frontMatter?.Id,
            Sections = _sections,
            Cards = _cards,
        };
        return (deck, _problems, _facts);
    }

    private void Accept(Item item)
    {
        switch (item.Kind)
        {
            case ItemKind.FrontMatter:
                var contentStart = text.IndexOf('\n', item.Span.Start) + 1;
                _frontMatter = FrontMatterReader.Read(text, item.Text, contentStart, item.Span);
                _problems.AddRange(_frontMatter.Problems);
                break;
            case ItemKind.Heading:
                CloseCard();
                OpenSection(item);
                break;
            case ItemKind.Break:
                CloseCard();
                break;
            case ItemKind.Marker:
                AcceptMarker(item);
                break;
            case ItemKind.Content when _card is not null:
                Extend(item.Span.End);
                break;
        }
    }

    private void AcceptMarker(Item item)
    {
        var marker = new TextSpan(item.Span.Start, Markers.Length);
        switch (item.Marker)
        {
            case MarkerKind.Question or MarkerKind.Cloze:
                CloseCard();
                _card = new OpenCard(item.Marker == MarkerKind.Cloze ? CardKind.Cloze : CardKind.Basic, marker)
                {
                    QuestionEnd = item.Span.End,
                    SectionIndex = _openSections.Count > 0 ? _openSections.Peek() : -1,
                };
                break;
            case MarkerKind.Answer when _card is null:
                _problems.Add(new DeckDiagnostic(DiagnosticCodes.AnswerWithoutQuestion, DeckSeverity.Error,
                    "This answer has no question: start the card with a paragraph beginning `Q:` above it.", marker));
                break;
            case MarkerKind.Answer when _card.AnswerMarker is { } first:
                _problems.Add(new DeckDiagnostic(DiagnosticCodes.SecondAnswer, DeckSeverity.Error,
                    "This question already has an answer: start a new card with `Q:`, or remove this second `A:`.", marker)
                {
                    Related = [new RelatedSpan(first, "The first answer")],
                });
                Extend(item.Span.End);
                break;
            case MarkerKind.Answer:
                _card.AnswerMarker = marker;
                _card.AnswerEnd = item.Span.End;
                break;
        }
    }

    private void Extend(int end)
    {
        if (_card!.AnswerMarker is null)
        {
            _card.QuestionEnd = end;
        }
        else
        {
            _card.AnswerEnd = end;
        }
    }

    private void CloseCard()
    {
        if (_card is not { } open)
        {
            return;
        }

        _card = null;
        var question = Trimmed(open.Marker.End, open.QuestionEnd);
        TextSpan? answer = open.AnswerMarker is { } answerMarker ? Trimmed(answerMarker.End, open.AnswerEnd) : null;
        var end = answer?.End ?? question.End;
        var card = new Card
        {
            Kind = open.Kind,
            Span = TextSpan.FromBounds(open.Marker.Start, Math.Max(end, open.AnswerMarker?.End ?? open.Marker.End)),
            Marker = open.Marker,
            Question = question,
            AnswerMarker = open.AnswerMarker,
            Answer = answer,
            SectionIndex = open.SectionIndex,
            Title = CardText.FirstLine(text.Substring(question.Start, question.Length)),
        };
        _cards.Add(card);
    }

    private TextSpan Trimmed(int start, int end)
    {
        end = Math.Max(start, end);
        while (start < end && char.IsWhiteSpace(text[start]))
        {
            start++;
        }

        while (end > start && char.IsWhiteSpace(text[end - 1]))
        {
            end--;
        }

        return TextSpan.FromBounds(start, end);
    }

    private void OpenSection(Item heading)
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
