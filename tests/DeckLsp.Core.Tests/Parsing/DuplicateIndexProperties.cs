using DeckLsp.Core.Diagnostics;
using DeckLsp.Core.Documents;
using DeckLsp.Core.Model;
using DeckLsp.Core.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DeckLsp.Core.Tests.Parsing;

/// <summary>
/// The duplicate counts a snapshot carries over from the previous one, updated from the segments an edit replaced,
/// must equal a full recount of its text, whichever snapshots were analysed on the way.
/// </summary>
public class DuplicateIndexProperties
{
    [Property(MaxTest = 300, Arbitrary = [typeof(IncrementalParseProperties)])]
    public Property Counts_carried_through_edits_equal_a_full_recount(IncrementalParseProperties.Scenario scenario, bool[] analyse)
    {
        var document = DeckDocument.Parse(scenario.Deck);
        _ = document.Diagnostics;
        for (var i = 0; i < scenario.Edits.Length; i++)
        {
            var edit = scenario.Edits[i];
            var start = edit.Position % (document.Text.Length + 1);
            var end = Math.Min(document.Text.Length, start + edit.Removed);
            document = document.Apply(new TextChange(TextSpan.FromBounds(start, end), edit.Inserted));

            // Some snapshots are never analysed (a debounced publication skips them): the next one must count afresh.
            if (analyse.Length > 0 && !analyse[i % analyse.Length] && i + 1 < scenario.Edits.Length)
            {
                continue;
            }

            var carried = document.Duplicates;
            var recounted = DuplicateIndex.Of(DeckDocument.Parse(document.Text).SegmentContents());
            if (!Same(carried, recounted))
            {
                return false.Label($"after {edit}: carried {Show(carried)}, recounted {Show(recounted)}");
            }
        }

        return true.ToProperty();
    }

    [Fact]
    public void A_question_typed_twice_is_counted_and_reported_then_forgotten_when_one_copy_goes()
    {
        var document = DeckDocument.Parse("# Deck\n\nQ: one\nA: 1\n\nQ: two\nA: 2\n");
        Assert.Equal(0, document.Duplicates.RepeatedQuestions);

        var twice = document.Apply(new TextChange(new TextSpan(document.Text.IndexOf("two", StringComparison.Ordinal), 3), "one"));
        Assert.Equal(1, twice.Duplicates.RepeatedQuestions);
        Assert.Equal(2, twice.Diagnostics.Count(d => d.Code == DiagnosticCodes.DuplicateQuestion));

        var once = twice.Apply(new TextChange(new TextSpan(twice.Text.LastIndexOf("one", StringComparison.Ordinal), 3), "three"));
        Assert.Equal(0, once.Duplicates.RepeatedQuestions);
        Assert.DoesNotContain(once.Diagnostics, d => d.Code == DiagnosticCodes.DuplicateQuestion);
    }

    private static bool Same(DuplicateIndex a, DuplicateIndex b) =>
        a.RepeatedQuestions == b.RepeatedQuestions && a.ReverseSuspects == b.ReverseSuspects && a.RepeatedIds == b.RepeatedIds
        && SameCounts(a.Questions, b.Questions) && SameCounts(a.Answers, b.Answers) && SameCounts(a.Ids, b.Ids);

    private static bool SameCounts(IReadOnlyDictionary<string, int> a, IReadOnlyDictionary<string, int> b) =>
        a.Count == b.Count && a.All(pair => b.TryGetValue(pair.Key, out var count) && count == pair.Value);

    private static string Show(DuplicateIndex index) =>
        $"questions {index.RepeatedQuestions} repeated of {index.Questions.Count}, reverse suspects {index.ReverseSuspects}, ids {index.RepeatedIds} repeated";
}
