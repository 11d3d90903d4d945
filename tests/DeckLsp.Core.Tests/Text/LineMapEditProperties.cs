using DeckLsp.Core.Documents;
using DeckLsp.Core.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DeckLsp.Core.Tests.Text;

/// <summary>
/// A snapshot's line map is the previous map with the edited lines re-read (<see cref="LineMap.Apply"/>): it must equal
/// a map built from scratch, whatever the edit does to line breaks (splitting "\r\n", joining "\r" and "\n", at either
/// edge of the edit, at the start or end of the text).
/// </summary>
public class LineMapEditProperties
{
    private static readonly string[] Pieces = ["a", "bc", "\n", "\r", "\r\n", "\n\n", "Q: x", "é", "😀", "\t", " "];

    private static Gen<string> Text(int max) => Gen.Choose(0, max).SelectMany(n => Gen.Elements(Pieces).ArrayOf(n)).Select(string.Concat);

    public sealed record Edit(int Position, int Removed, string Inserted);

    public sealed record Scenario(string Text, Edit[] Edits)
    {
        public override string ToString() => $"{Show(Text)} then {string.Join(", ", Edits.Select(e => $"({e.Position}, -{e.Removed}, \"{Show(e.Inserted)}\")"))}";
    }

    public static Arbitrary<Scenario> Scenarios() =>
        (from text in Text(30)
         from edits in Gen.Choose(1, 8).SelectMany(n =>
             (from position in Gen.Choose(0, 200)
              from removed in Gen.Frequency((2, Gen.Constant(0)), (2, Gen.Choose(1, 3)), (1, Gen.Choose(4, 20)))
              from inserted in Gen.Frequency((3, Text(3)), (1, Gen.Constant("")))
              select new Edit(position, removed, inserted)).ArrayOf(n))
         select new Scenario(text, edits)).ToArbitrary();

    [Property(MaxTest = 1000, Arbitrary = [typeof(LineMapEditProperties)])]
    public bool An_edited_map_equals_a_map_built_from_the_new_text(Scenario scenario)
    {
        var text = scenario.Text;
        var map = LineMap.Build(text);
        foreach (var edit in scenario.Edits)
        {
            var start = edit.Position % (text.Length + 1);
            var change = new TextChange(TextSpan.FromBounds(start, Math.Min(text.Length, start + edit.Removed)), edit.Inserted);
            text = change.ApplyTo(text);
            map = map.Apply(change, text);
            if (!SameMap(map, LineMap.Build(text), text))
            {
                return false;
            }
        }

        return true;
    }

    [Property(MaxTest = 300, Arbitrary = [typeof(LineMapEditProperties)])]
    public bool A_snapshot_edited_after_its_lines_were_read_has_the_lines_of_its_text(Scenario scenario)
    {
        var document = DeckDocument.Parse(scenario.Text);
        foreach (var (edit, i) in scenario.Edits.Select((e, i) => (e, i)))
        {
            // Every other snapshot leaves its map unbuilt, so both paths (from the previous map, from scratch) are taken.
            if (i % 3 != 2)
            {
                _ = document.Lines;
            }

            var start = edit.Position % (document.Text.Length + 1);
            document = document.Apply(new TextChange(TextSpan.FromBounds(start, Math.Min(document.Text.Length, start + edit.Removed)), edit.Inserted));
            if (!SameMap(document.Lines, LineMap.Build(document.Text), document.Text))
            {
                return false;
            }
        }

        return true;
    }

    [Fact]
    public void Typing_a_line_feed_after_a_carriage_return_joins_the_two_lines_into_one_break()
    {
        var map = LineMap.Build("a\rb");
        var edited = map.Apply(new TextChange(new TextSpan(2, 0), "\n"), "a\r\nb");
        Assert.Equal(2, edited.LineCount);
        Assert.Equal(3, edited.LineStart(1));
    }

    private static bool SameMap(LineMap a, LineMap b, string text) =>
        a.LineCount == b.LineCount && a.TextLength == b.TextLength
        && Enumerable.Range(0, a.LineCount).All(line => a.LineStart(line) == b.LineStart(line))
        && Enumerable.Range(0, text.Length + 1).All(offset => a.GetPosition(offset) == b.GetPosition(offset));

    private static string Show(string text) => text.Replace("\r", "\\r").Replace("\n", "\\n");
}
