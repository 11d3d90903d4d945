using System.Globalization;
using DeckLsp.Core.Diagnostics;
using DeckLsp.Core.Documents;
using DeckLsp.Core.Parsing;
using DeckLsp.Core.Text;

namespace DeckLsp.Core.Model;

/// <summary>
/// What one segment gives its deck, relative to the segment's start: its cards (checked on their own), the headings
/// between them, the problems found inside it and its links. A card never spans two segments and a segment's text is
/// the same wherever it moves, so this is read once per segment and shared by every snapshot that keeps the segment:
/// a keystroke re-reads only the segments it re-parsed (docs/architecture.md, "The incremental parse").
/// </summary>
internal sealed class SegmentContent
{
    /// <summary>A heading and how many of the segment's cards come before it.</summary>
    public readonly record struct Heading(Item Item, int CardsBefore);

    private SegmentContent(
        Card[] cards, string[] questions, string?[] answers, Heading[] headings, DeckDiagnostic[] problems, LinkTarget[] links,
        FrontMatterReader.Result? frontMatter)
    {
        Cards = cards;
        NormalizedQuestions = questions;
        NormalizedReverseAnswers = answers;
        Headings = headings;
        Problems = problems;
        Links = links;
        FrontMatter = frontMatter;
    }

    // Arrays, not interfaces: the deck walks every segment's lists on every snapshot, and an array's loop allocates nothing.

    /// <summary>The segment's cards with spans relative to its start, and no section yet (the deck assigns it).</summary>
    public Card[] Cards { get; }

    /// <summary>Each card's question as <see cref="CardText.DuplicateKey"/> makes it, for finding duplicates deck-wide.</summary>
    public string[] NormalizedQuestions { get; }

    /// <summary>Each reversible card's answer, keyed like the questions (null for other cards): what its reverse asks.</summary>
    public string?[] NormalizedReverseAnswers { get; }

    public Heading[] Headings { get; }

    /// <summary>Problems found from this segment alone, relative to its start.</summary>
    public DeckDiagnostic[] Problems { get; }

    public LinkTarget[] Links { get; }

    /// <summary>The front matter, read at the document's start (the only place it stands), with its problems relative.</summary>
    public FrontMatterReader.Result? FrontMatter { get; }

    /// <summary>
    /// Reads the segment that starts at <paramref name="start"/> of <paramref name="text"/>. Never throws: should any
    /// check fail on some input, the segment is reported (DECK016) without cards, and the rest of the deck is unharmed.
    /// </summary>
    public static SegmentContent Read(string text, int start, Segment segment)
    {
        try
        {
            return ReadChecked(text, start, segment);
        }
        catch (Exception)
        {
            var firstLine = text.AsSpan(start, segment.Length).IndexOfAny('\r', '\n');
            var span = new TextSpan(0, firstLine < 0 ? segment.Length : firstLine);
            return new SegmentContent([], [], [], [], [Unreadable(span, "DeckLsp failed to check it (a bug: please report the text)")], [], null);
        }
    }

    private static DeckDiagnostic Unreadable(TextSpan span, string reason) =>
        new(DiagnosticCodes.UnreadablePart, DeckSeverity.Error, $"This part of the deck could not be read: {reason}. Its cards are left out until it is fixed.", span);

    private static SegmentContent ReadChecked(string text, int start, Segment segment)
    {
        var problems = new List<DeckDiagnostic>();
        var assembler = new CardAssembler(text, problems);
        foreach (var item in segment.Items)
        {
            assembler.Accept(item with { Span = item.Span.Shift(start) });
        }

        assembler.CloseCard();

        var ids = new List<(TextSpan, string)>();
        var tags = new List<(TextSpan, string)>();
        var code = new List<TextSpan>();
        var links = new List<LinkTarget>();
        foreach (var fact in segment.Facts)
        {
            var span = fact.Span.Shift(start);
            switch (fact.Kind)
            {
                case FactKind.Id:
                    ids.Add((span, fact.Text));
                    break;
                case FactKind.Tags:
                    tags.Add((span, fact.Text));
                    break;
                case FactKind.Code:
                    code.Add(span);
                    break;
                case FactKind.Link:
                    links.Add(new LinkTarget(fact.Text, span.Shift(-start), fact.Flag));
                    break;
                case FactKind.LookAlike:
                    var written = text.Substring(span.Start, span.Length);
                    problems.Add(new DeckDiagnostic(DiagnosticCodes.LookAlikeMarker, DeckSeverity.Warning,
                        $"`{written}` looks like a marker but is not one: write `{Markers.Canonical(fact.Marker)}` (upper case, colon right after) at the start of the line.",
                        span));
                    break;
                case FactKind.Unreadable:
                    problems.Add(Unreadable(span, fact.Text));
                    break;
                case FactKind.TooLarge:
                    problems.Add(new DeckDiagnostic(DiagnosticCodes.DeckTooLarge, DeckSeverity.Error,
                        string.Create(CultureInfo.InvariantCulture,
                            $"This deck is {text.Length:N0} characters long, over the limit of {DeckLimits.MaxDeckLength:N0}: it is not checked and its cards cannot be studied. Split it into smaller decks."),
                        span));
                    break;
                case FactKind.NestedMarker:
                    problems.Add(new DeckDiagnostic(DiagnosticCodes.NestedMarker, DeckSeverity.Warning,
                        $"`{Markers.Canonical(fact.Marker)}` inside {fact.Text} is not a card: cards start at the top level of the deck.",
                        span));
                    break;
            }
        }

        ids.Sort((a, b) => a.Item1.Start.CompareTo(b.Item1.Start));
        tags.Sort((a, b) => a.Item1.Start.CompareTo(b.Item1.Start));
        code.Sort((a, b) => a.Start.CompareTo(b.Start));
        var cards = new CardChecks(text, problems).Check(assembler.Cards, ids, tags, code);
        NeighbourSyntax.Find(text, start, segment.Length, cards, code, links, problems);
        var questions = cards.Select(card => CardText.DuplicateKey(text.Substring(card.Question.Start, card.Question.Length))).ToArray();
        var answers = cards.Select(card => card is { Kind: CardKind.Reversible, Answer: { } answer }
            ? CardText.DuplicateKey(text.Substring(answer.Start, answer.Length))
            : null).ToArray();
        var frontMatter = assembler.FrontMatter is { } read ? read with { Problems = read.Problems.Select(p => p.Shifted(-start)).ToArray() } : null;
        return new SegmentContent(
            cards.Select(card => card.Shifted(-start, card.SectionIndex)).ToArray(),
            questions,
            answers,
            assembler.Headings.Select(h => h with { Item = h.Item with { Span = h.Item.Span.Shift(-start) } }).ToArray(),
            problems.Select(p => p.Shifted(-start)).ToArray(),
            links.ToArray(),
            frontMatter);
    }

    /// <summary>Turns one segment's items into cards: what a marker opens, what extends it, what closes it.</summary>
    private sealed class CardAssembler(string text, List<DeckDiagnostic> problems)
    {
        private OpenCard? _card;

        public List<Card> Cards { get; } = [];

        public List<Heading> Headings { get; } = [];

        public FrontMatterReader.Result? FrontMatter { get; private set; }

        private sealed class OpenCard(CardKind kind, TextSpan marker)
        {
            public CardKind Kind { get; } = kind;

            public TextSpan Marker { get; } = marker;

            public int QuestionEnd { get; set; } = marker.End;

            public TextSpan? AnswerMarker { get; set; }

            public int AnswerEnd { get; set; }
        }

        public void Accept(Item item)
        {
            switch (item.Kind)
            {
                case ItemKind.FrontMatter:
                    var contentStart = text.IndexOf('\n', item.Span.Start) + 1;
                    // Its problems travel with it (the deck adds them), not with the segment's.
                    FrontMatter = FrontMatterReader.Read(text, item.Text, contentStart, item.Span);
                    break;
                case ItemKind.Heading:
                    CloseCard();
                    Headings.Add(new Heading(item, Cards.Count));
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
                case MarkerKind.Question or MarkerKind.Cloze or MarkerKind.Reversible:
                    CloseCard();
                    var kind = item.Marker switch
                    {
                        MarkerKind.Cloze => CardKind.Cloze,
                        MarkerKind.Reversible => CardKind.Reversible,
                        _ => CardKind.Basic,
                    };
                    _card = new OpenCard(kind, marker) { QuestionEnd = item.Span.End };
                    break;
                case MarkerKind.Answer when _card is null:
                    problems.Add(new DeckDiagnostic(DiagnosticCodes.AnswerWithoutQuestion, DeckSeverity.Error,
                        "This answer has no question: start the card with a paragraph beginning `Q:` above it.", marker));
                    break;
                case MarkerKind.Answer when _card.AnswerMarker is { } first:
                    problems.Add(new DeckDiagnostic(DiagnosticCodes.SecondAnswer, DeckSeverity.Error,
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

        public void CloseCard()
        {
            if (_card is not { } open)
            {
                return;
            }

            _card = null;
            var question = Trimmed(open.Marker.End, open.QuestionEnd);
            TextSpan? answer = open.AnswerMarker is { } answerMarker ? Trimmed(answerMarker.End, open.AnswerEnd) : null;
            var end = answer?.End ?? question.End;
            Cards.Add(new Card
            {
                Kind = open.Kind,
                Span = TextSpan.FromBounds(open.Marker.Start, Math.Max(end, open.AnswerMarker?.End ?? open.Marker.End)),
                Marker = open.Marker,
                Question = question,
                AnswerMarker = open.AnswerMarker,
                Answer = answer,
                Title = CardText.FirstLine(text.Substring(question.Start, question.Length)),
            });
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
    }
}

/// <summary>Moving what a segment found to where the segment stands now.</summary>
internal static class Shifting
{
    public static Card Shifted(this Card card, int delta, int sectionIndex) => delta == 0 && sectionIndex == card.SectionIndex
        ? card
        : card with
        {
            Span = card.Span.Shift(delta),
            Marker = card.Marker.Shift(delta),
            Question = card.Question.Shift(delta),
            AnswerMarker = card.AnswerMarker?.Shift(delta),
            Answer = card.Answer?.Shift(delta),
            IdSpan = card.IdSpan?.Shift(delta),
            Deletions = delta == 0 || card.Deletions.Count == 0
                ? card.Deletions
                : card.Deletions.Select(d => d with { Span = d.Span.Shift(delta) }).ToArray(),
            SectionIndex = sectionIndex,
        };

    public static DeckDiagnostic Shifted(this DeckDiagnostic diagnostic, int delta) => delta == 0
        ? diagnostic
        : diagnostic with
        {
            Span = diagnostic.Span.Shift(delta),
            Related = diagnostic.Related.Count == 0
                ? diagnostic.Related
                : diagnostic.Related.Select(r => r with { Span = r.Span.Shift(delta) }).ToArray(),
        };
}
