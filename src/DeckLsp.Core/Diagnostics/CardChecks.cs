using DeckLsp.Core.Model;
using DeckLsp.Core.Parsing;
using DeckLsp.Core.Text;

namespace DeckLsp.Core.Diagnostics;

/// <summary>
/// The checks that need a whole card (ids, empty sides, cloze deletions: <see cref="Check"/>, run per segment) or the
/// whole deck (duplicates). Also attaches what they read (the id, the deletions) to the cards.
/// </summary>
internal sealed class CardChecks(string text, List<DeckDiagnostic> problems)
{
    public List<Card> Check(IReadOnlyList<Card> cards, IReadOnlyList<(TextSpan Span, string Value)> ids,
        IReadOnlyList<(TextSpan Span, string Value)> tags, IReadOnlyList<TextSpan> code)
    {
        var result = new List<Card>(cards.Count);
        var nextId = 0;
        var nextTags = 0;
        var nextCode = 0;
        foreach (var card in cards)
        {
            // Ids and code spans are in text order, as are cards: one forward walk pairs them.
            while (nextId < ids.Count && ids[nextId].Span.Start < card.Span.Start)
            {
                nextId++;
            }

            var cardIds = new List<(TextSpan Span, string Value)>();
            while (nextId < ids.Count && ids[nextId].Span.Start < card.Span.End)
            {
                cardIds.Add(ids[nextId++]);
            }

            while (nextTags < tags.Count && tags[nextTags].Span.Start < card.Span.Start)
            {
                ReportStrayTags(tags[nextTags++].Span);
            }

            var cardTags = new List<(TextSpan Span, string Value)>();
            while (nextTags < tags.Count && tags[nextTags].Span.Start < card.Span.End)
            {
                cardTags.Add(tags[nextTags++]);
            }

            while (nextCode < code.Count && code[nextCode].End <= card.Question.Start)
            {
                nextCode++;
            }

            var checkedCard = CheckSides(card);
            checkedCard = AssignId(checkedCard, cardIds);
            checkedCard = AssignTags(checkedCard, cardTags);
            if (card.Kind == CardKind.Cloze)
            {
                checkedCard = checkedCard with { Deletions = ClozeScanner.Scan(text, card.Question, code, nextCode, problems, card.Marker) };
            }

            result.Add(checkedCard);
        }

        while (nextTags < tags.Count)
        {
            ReportStrayTags(tags[nextTags++].Span);
        }

        return result;
    }

    private Card AssignTags(Card card, List<(TextSpan Span, string Value)> comments)
    {
        if (comments.Count == 0)
        {
            return card;
        }

        var tags = new List<string>();
        foreach (var (span, value) in comments)
        {
            var words = CardTags.Words(value, span.Start);
            if (words.Count == 0)
            {
                problems.Add(new DeckDiagnostic(DiagnosticCodes.MalformedTag, DeckSeverity.Warning,
                    "This tags comment names no tag: write them after `tags:`, separated by commas or spaces.", new TextSpan(span.Start, 0)));
            }

            foreach (var word in words)
            {
                if (word.Tag is null)
                {
                    problems.Add(new DeckDiagnostic(DiagnosticCodes.MalformedTag, DeckSeverity.Warning,
                        $"Malformed tag `{word.Text}`: a tag is 1 to 64 letters, digits, '_', '-', '/', '.' or ':', starting with a letter or digit. It is ignored.",
                        word.Span));
                }
                else if (!tags.Contains(word.Tag, StringComparer.OrdinalIgnoreCase))
                {
                    tags.Add(word.Tag);
                }
            }
        }

        return card with { Tags = tags };
    }

    // A tags comment outside every card tags nothing; the deck's own tags belong in its front matter.
    private void ReportStrayTags(TextSpan span) =>
        problems.Add(new DeckDiagnostic(DiagnosticCodes.MalformedTag, DeckSeverity.Warning,
            "This tags comment is not inside a card, so it tags nothing: move it into a card, or put the deck's tags in its front matter (`tags: [...]`).",
            new TextSpan(span.Start, span.Length)));

    private Card CheckSides(Card card)
    {
        var question = Slice(card.Question);
        if (CardText.IsBlank(question))
        {
            problems.Add(new DeckDiagnostic(DiagnosticCodes.EmptyQuestion, DeckSeverity.Error,
                card.Kind == CardKind.Cloze ? "The cloze text is empty." : "The question is empty: write it after `Q:`.", card.Marker));
        }

        if (card.Kind != CardKind.Cloze && card.AnswerMarker is null)
        {
            problems.Add(new DeckDiagnostic(DiagnosticCodes.QuestionWithoutAnswer, DeckSeverity.Error,
                card.Kind == CardKind.Reversible
                    ? "This reversible card has no answer: add a paragraph starting with `A:` before the next card, heading or break (its reverse asks the answer)."
                    : "This question has no answer: add a paragraph starting with `A:` before the next card, heading or break.",
                card.Marker));
        }

        if (card is { AnswerMarker: { } answerMarker, Answer: { } answer })
        {
            var answerText = Slice(answer);
            if (CardText.IsBlank(answerText))
            {
                problems.Add(new DeckDiagnostic(DiagnosticCodes.EmptyAnswer, DeckSeverity.Error,
                    "The answer is empty: write it after `A:`.", answerMarker));
            }
            else if (card.Kind != CardKind.Cloze && CardText.Normalize(answerText) == CardText.Normalize(question))
            {
                problems.Add(new DeckDiagnostic(DiagnosticCodes.AnswerSameAsQuestion, DeckSeverity.Warning,
                    "The answer is the same text as the question.", answer));
            }
        }

        return card;
    }

    private Card AssignId(Card card, List<(TextSpan Span, string Value)> ids)
    {
        foreach (var (span, value) in ids)
        {
            if (!CardIds.IsValid(value))
            {
                problems.Add(new DeckDiagnostic(DiagnosticCodes.MalformedId, DeckSeverity.Error,
                    $"Malformed card id `{value}`: use 1 to 64 letters, digits, '-' or '_'.", span.IsEmpty ? new TextSpan(span.Start, 0) : span));
            }
            else if (card.Id is null)
            {
                card = card with { Id = value, IdSpan = span };
            }
            else
            {
                problems.Add(new DeckDiagnostic(DiagnosticCodes.DuplicateId, DeckSeverity.Error,
                    $"This card already has the id `{card.Id}`: a card takes one id.", span)
                {
                    Related = [new RelatedSpan(card.IdSpan!.Value, "The card's first id")],
                });
            }
        }

        return card;
    }

    /// <param name="questions">Each card's question as DECK006 compares it (<see cref="CardText.DuplicateKey"/>), in the same order.</param>
    public static void ReportDuplicateQuestions(IReadOnlyList<Card> cards, IReadOnlyList<string> questions, List<DeckDiagnostic> problems)
    {
        // Runs on every snapshot: one lookup per card, and a group only for questions that do repeat.
        var first = new Dictionary<string, int>(cards.Count, StringComparer.Ordinal);
        Dictionary<string, List<Card>>? groups = null;
        for (var i = 0; i < cards.Count; i++)
        {
            var key = questions[i];
            if (key.Length == 0)
            {
                continue;
            }

            if (!first.TryAdd(key, i))
            {
                groups ??= new Dictionary<string, List<Card>>(StringComparer.Ordinal);
                if (!groups.TryGetValue(key, out var group))
                {
                    groups[key] = group = [cards[first[key]]];
                }

                group.Add(cards[i]);
            }
        }

        foreach (var group in groups?.Values ?? Enumerable.Empty<List<Card>>())
        {
            foreach (var card in group)
            {
                // Every copy pointing at every other is quadratic (1,000 copies made 187 MB of diagnostics): each points at
                // the first copy and a few more, and the message says how many there are.
                var others = group.Where(o => !ReferenceEquals(o, card)).Take(MaxRelatedCopies).ToList();
                var related = others.Select(o => new RelatedSpan(o.Question, ReferenceEquals(o, group[0]) ? "The first copy" : "Another copy")).ToArray();
                var unlisted = group.Count - 1 - others.Count;
                problems.Add(new DeckDiagnostic(DiagnosticCodes.DuplicateQuestion, DeckSeverity.Warning,
                    unlisted == 0
                        ? $"The same question appears {group.Count} times in this deck."
                        : $"The same question appears {group.Count} times in this deck ({others.Count} of the other copies are linked).",
                    card.Question) { Related = related });
            }
        }
    }

    /// <summary>
    /// A reversible card's reverse asks its answer: when that is another card's question, or another reversible card's
    /// answer, the same prompt is studied twice with two histories. Warned on the answer, which is what is asked.
    /// </summary>
    /// <param name="questions">Each card's normalized question, as for <see cref="ReportDuplicateQuestions"/>.</param>
    /// <param name="answers">Each reversible card's normalized answer (null for other cards), in the same order.</param>
    public static void ReportReverseDuplicates(IReadOnlyList<Card> cards, IReadOnlyList<string> questions, IReadOnlyList<string?> answers, List<DeckDiagnostic> problems)
    {
        if (!answers.Any(a => a is { Length: > 0 }))
        {
            return;
        }

        var asked = new Dictionary<string, Card>(cards.Count, StringComparer.Ordinal);
        for (var i = 0; i < cards.Count; i++)
        {
            if (questions[i].Length > 0)
            {
                asked.TryAdd(questions[i], cards[i]);
            }
        }

        var reverses = new Dictionary<string, Card>(StringComparer.Ordinal);
        for (var i = 0; i < cards.Count; i++)
        {
            if (answers[i] is not { Length: > 0 } key || cards[i].Answer is not { } answer)
            {
                continue;
            }

            if (asked.TryGetValue(key, out var other) && !ReferenceEquals(other, cards[i]))
            {
                problems.Add(new DeckDiagnostic(DiagnosticCodes.ReverseDuplicate, DeckSeverity.Warning,
                    "The reverse of this card asks what another card already asks: make this card one-way (`Q:`) or remove the other.",
                    answer) { Related = [new RelatedSpan(other.Question, "The same question")] });
            }
            else if (!reverses.TryAdd(key, cards[i]))
            {
                problems.Add(new DeckDiagnostic(DiagnosticCodes.ReverseDuplicate, DeckSeverity.Warning,
                    "The reverse of this card asks what the reverse of another card already asks: the two answers are the same.",
                    answer) { Related = [new RelatedSpan(reverses[key].Answer!.Value, "The same answer")] });
            }
        }
    }

    /// <summary>How many other copies a DECK006 links to: the first, and a few after it.</summary>
    public const int MaxRelatedCopies = 5;

    // The first card keeps an id; later ones must change, since review history follows the id.
    public static void ReportDuplicateIds(IReadOnlyList<Card> cards, List<DeckDiagnostic> problems)
    {
        var first = new Dictionary<string, Card>(StringComparer.Ordinal);
        foreach (var card in cards)
        {
            if (card.Id is not { } id)
            {
                continue;
            }

            if (first.TryGetValue(id, out var owner))
            {
                problems.Add(new DeckDiagnostic(DiagnosticCodes.DuplicateId, DeckSeverity.Error,
                    $"The card id `{id}` is already used by another card in this deck.", card.IdSpan!.Value)
                {
                    Related = [new RelatedSpan(owner.IdSpan!.Value, $"`{id}` first used here")],
                });
            }
            else
            {
                first[id] = card;
            }
        }
    }

    private string Slice(TextSpan span) => text.Substring(span.Start, span.Length);
}
