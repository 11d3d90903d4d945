using System.Collections.Immutable;

namespace DeckLsp.Core.Model;

/// <summary>
/// How many cards of a deck ask each normalized question, answer each reversible answer and carry each id: enough to
/// tell whether the deck-wide checks (duplicate questions, reverse duplicates, duplicate ids) can find anything at all.
/// Kept across snapshots and updated from the segments an edit replaced, so a keystroke in a deck without duplicates
/// costs a few dictionary updates, not a walk over every card (docs/performance.md, "Keystroke").
/// </summary>
internal sealed class DuplicateIndex
{
    public static readonly DuplicateIndex Empty = new(
        ImmutableDictionary<string, int>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, int>.Empty.WithComparers(StringComparer.Ordinal),
        ImmutableDictionary<string, int>.Empty.WithComparers(StringComparer.Ordinal),
        0, 0, 0);

    private readonly ImmutableDictionary<string, int> _questions;
    private readonly ImmutableDictionary<string, int> _answers;
    private readonly ImmutableDictionary<string, int> _ids;

    private DuplicateIndex(ImmutableDictionary<string, int> questions, ImmutableDictionary<string, int> answers,
        ImmutableDictionary<string, int> ids, int repeatedQuestions, int reverseSuspects, int repeatedIds)
    {
        _questions = questions;
        _answers = answers;
        _ids = ids;
        RepeatedQuestions = repeatedQuestions;
        ReverseSuspects = reverseSuspects;
        RepeatedIds = repeatedIds;
    }

    /// <summary>How many non-empty questions more than one card asks.</summary>
    public int RepeatedQuestions { get; }

    /// <summary>How many reversible answers are also asked as a question, or are the answer of another reversible card.</summary>
    public int ReverseSuspects { get; }

    /// <summary>How many ids more than one card carries.</summary>
    public int RepeatedIds { get; }

    /// <summary>The count of each key, for tests that compare with a full recount.</summary>
    internal IReadOnlyDictionary<string, int> Questions => _questions;

    internal IReadOnlyDictionary<string, int> Answers => _answers;

    internal IReadOnlyDictionary<string, int> Ids => _ids;

    public static DuplicateIndex Of(IEnumerable<SegmentContent> contents) => Empty.Update([], contents);

    /// <summary>This index with the cards of <paramref name="removed"/> taken out and those of <paramref name="added"/> put in.</summary>
    public DuplicateIndex Update(IEnumerable<SegmentContent> removed, IEnumerable<SegmentContent> added)
    {
        var questions = _questions.ToBuilder();
        var answers = _answers.ToBuilder();
        var ids = _ids.ToBuilder();
        var (repeatedQuestions, reverseSuspects, repeatedIds) = (RepeatedQuestions, ReverseSuspects, RepeatedIds);

        void Count(SegmentContent content, int step)
        {
            for (var i = 0; i < content.Cards.Length; i++)
            {
                if (content.NormalizedQuestions[i] is { Length: > 0 } question)
                {
                    reverseSuspects -= Suspect(questions, answers, question);
                    repeatedQuestions += Add(questions, question, step);
                    reverseSuspects += Suspect(questions, answers, question);
                }

                if (content.NormalizedReverseAnswers[i] is { Length: > 0 } answer)
                {
                    reverseSuspects -= Suspect(questions, answers, answer);
                    Add(answers, answer, step);
                    reverseSuspects += Suspect(questions, answers, answer);
                }

                if (content.Cards[i].Id is { } id)
                {
                    repeatedIds += Add(ids, id, step);
                }
            }
        }

        foreach (var content in removed)
        {
            Count(content, -1);
        }

        foreach (var content in added)
        {
            Count(content, +1);
        }

        return new DuplicateIndex(questions.ToImmutable(), answers.ToImmutable(), ids.ToImmutable(),
            repeatedQuestions, reverseSuspects, repeatedIds);
    }

    // Adds step to the key's count; returns how the number of keys counted more than once changed (-1, 0 or +1).
    private static int Add(ImmutableDictionary<string, int>.Builder counts, string key, int step)
    {
        var before = counts.GetValueOrDefault(key);
        var after = before + step;
        if (after == 0)
        {
            counts.Remove(key);
        }
        else
        {
            counts[key] = after;
        }

        return (after >= 2 ? 1 : 0) - (before >= 2 ? 1 : 0);
    }

    // A reverse answer can be reported only when some card asks it, or another reversible card answers it too.
    private static int Suspect(ImmutableDictionary<string, int>.Builder questions, ImmutableDictionary<string, int>.Builder answers, string key)
    {
        var answered = answers.GetValueOrDefault(key);
        return answered >= 1 && (questions.GetValueOrDefault(key) >= 1 || answered >= 2) ? 1 : 0;
    }
}
