using DeckLsp.Core.Diagnostics;
using DeckLsp.Core.Documents;
using DeckLsp.Core.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DeckLsp.Core.Tests.Parsing;

/// <summary>
/// The incremental path must be indistinguishable from a full parse: for random decks and random edit sequences,
/// every snapshot equals <see cref="DeckDocument.Parse"/> of its text, and no input makes anything throw.
/// </summary>
public class IncrementalParseProperties
{
    // Pieces chosen to open and close every construct that can move segment boundaries: fences, HTML blocks and
    // comments, lists, quotes, setext underlines, tables, math blocks, front matter; plus markers and their look-alikes.
    private static readonly string[] Pieces =
    [
        "Q: what is it?\n", "A: this\n", "C: the {{x::hint}} y\n", "R: der Hund\n", "A: der Hund\n", "\n", "\n\n", "# Heading\n", "## Sub\n", "### Deep\n",
        "---\n", "***\n", "```\n", "```python\n", "~~~\n", "    indented\n", "- item\n", "1. item\n", "- Q: nested\n",
        "> quote\n", "> A: quoted\n", "<!-- id: a -->\n", "<!-- id: b -->", "<!-- tags: t, u/v -->", "<!-- tags: -bad -->\n", "<!--\n", "-->\n", "<div>\n", "</div>\n",
        "text line\n", "Title\n", "===\n", "| a | b |\n", "|---|---|\n", "$$\n", "Q:", "A:", "C:", "R:", "R : spaced\n", "{{", "}}", "\r\n", "\r",
        "  ", "\t", "q: lower\n", "**Q:** bold\n", "Question: word\n", "Q\n", "[ref]: missing.md\n", "![img](pic.png)\n",
        "x", "é", "😀", "\uFEFF", "\uFEFF---\ntitle: T\n---\n", "---\ntitle: T\n---\n", "`code`", "<script>\n", "</script>\n",
    ];

    private static Gen<string> Text(int maxPieces) =>
        Gen.Choose(0, maxPieces).SelectMany(n => Gen.Elements(Pieces).ArrayOf(n)).Select(string.Concat);

    public sealed record Edit(int Position, int Removed, string Inserted);

    public sealed record Scenario(string Deck, Edit[] Edits)
    {
        public override string ToString() => $"deck {Show(Deck)}\nedits {string.Join(", ", Edits.Select(e => e.ToString()))}";
    }

    private static readonly Gen<Edit> Edits =
        from position in Gen.Choose(0, 10_000)
        from removed in Gen.Frequency((3, Gen.Constant(0)), (2, Gen.Choose(1, 3)), (1, Gen.Choose(4, 80)))
        from inserted in Gen.Frequency((3, Text(3)), (1, Gen.Constant("")), (1, Gen.Elements("\n", "`", "-", "Q", ":", " ")))
        select new Edit(position, removed, inserted);

    public static Arbitrary<Scenario> Scenarios() =>
        (from deck in Text(40)
         from edits in Gen.Choose(1, 12).SelectMany(n => Edits.ArrayOf(n))
         select new Scenario(deck, edits)).ToArbitrary();

    // Found by the property at 8,000 cases: YamlDotNet throws InvalidOperationException, not YamlException, on this.
    [Fact]
    public void Front_matter_that_breaks_the_yaml_library_is_a_diagnostic_not_a_crash()
    {
        var document = DeckDocument.Parse("---\ntitle<!-- id: b -->## Sub\n: T\n{{-\n  -. item\n***\n\ufeff---\ntitle: T\n---\n");

        Assert.Contains(document.Diagnostics, d => d.Code == DiagnosticCodes.FrontMatter && d.Severity == DeckSeverity.Error);
    }

    // Found by the property at 8,000 cases: text typed into the closing fence moves it to a later "---", and Markdig
    // decides that front matter only when it sees text beyond that fence.
    [Fact]
    public void Typing_into_the_front_matters_closing_fence_equals_a_full_parse()
    {
        const string Before = "---\ntitle: T\n---\n---\ntitle: T\n---\n\uFEFF---\ntitle: T\n---\n<div>\n===\n\n\nQ: a\nA: b\n";
        var incremental = DeckDocument.Parse(Before).Apply(new TextChange(new TextSpan(15, 0), "1. item\n# Heading\n"));

        Assert.True(incremental.IsEquivalentTo(DeckDocument.Parse(incremental.Text)));
    }

    // Markdig's own front-matter extension answered "no" for the first 44 characters of this text and "yes" for 52: what
    // follows the closing fence must not decide, or no edit below the fence could be re-parsed locally.
    [Theory]
    [InlineData(38)]
    [InlineData(44)]
    [InlineData(52)]
    public void Front_matter_is_decided_by_the_text_up_to_its_closing_fence(int length)
    {
        const string Text = "---\ntitle: T\n--1. item\n# Heading\n-\n---\ntitle: T\n---\n\uFEFF---\ntitle: T\n---\n";

        var document = DeckDocument.Parse(Text[..length]);

        var item = document.Segments().First().Segment.Items[0];
        Assert.Equal(DeckLsp.Core.Parsing.ItemKind.FrontMatter, item.Kind);
        Assert.Equal(new TextSpan(0, 38), item.Span);
    }

    [Property(MaxTest = 400, Arbitrary = [typeof(IncrementalParseProperties)])]
    public Property Every_edit_gives_the_same_document_as_a_full_parse(Scenario scenario)
    {
        var document = DeckDocument.Parse(scenario.Deck);
        foreach (var edit in scenario.Edits)
        {
            var start = edit.Position % (document.Text.Length + 1);
            var end = Math.Min(document.Text.Length, start + edit.Removed);
            document = document.Apply(new TextChange(TextSpan.FromBounds(start, end), edit.Inserted));
            var reference = DeckDocument.Parse(document.Text);
            if (!document.IsEquivalentTo(reference) || !SameModel(document, reference))
            {
                return false.Label($"after {edit} the incremental document differs from a full parse of:\n{Show(document.Text)}\n"
                    + $"incremental:\n{Dump(document)}\nfull:\n{Dump(reference)}");
            }
        }

        return true.ToProperty();
    }

    [Property(MaxTest = 300)]
    public bool No_input_throws(NonNull<string> input) => NothingThrows(input.Get);

    [Property(MaxTest = 300, Arbitrary = [typeof(IncrementalParseProperties)])]
    public bool No_deck_of_markdown_pieces_throws(Scenario scenario) => NothingThrows(scenario.Deck);

    private static bool NothingThrows(string text)
    {
        var document = DeckDocument.Parse(text);
        foreach (var diagnostic in document.Diagnostics)
        {
            _ = CodeFixes.For(document, diagnostic);
            _ = document.Lines.GetRange(diagnostic.Span);
        }

        return document.Deck.Cards.All(c => c.Span.End <= text.Length);
    }

    internal static bool SameModel(DeckDocument a, DeckDocument b) =>
        a.Deck.Cards.SequenceEqual(b.Deck.Cards, CardComparer.Instance)
        && a.Deck.Sections.SequenceEqual(b.Deck.Sections)
        && a.Diagnostics.Select(Key).SequenceEqual(b.Diagnostics.Select(Key));

    private static string Key(DeckDiagnostic d) => $"{d.Code} {d.Span} {d.Message}";

    private static string Dump(DeckDocument document) => string.Join("\n", document.Segments().Select(s =>
        $"@{s.Start}+{s.Segment.Length}: {string.Join(" ", s.Segment.Items)} | {string.Join(" ", s.Segment.Facts)}"))
        + "\n" + string.Join("\n", document.Diagnostics.Select(Key));

    private static string Show(string text) => text.Replace("\r", "\\r").Replace("\n", "\\n\n");

    private sealed class CardComparer : IEqualityComparer<DeckLsp.Core.Model.Card>
    {
        public static readonly CardComparer Instance = new();

        public bool Equals(DeckLsp.Core.Model.Card? x, DeckLsp.Core.Model.Card? y) =>
            x is not null && y is not null && x with { Deletions = [], Tags = [] } == y with { Deletions = [], Tags = [] }
            && x.Deletions.SequenceEqual(y.Deletions) && x.Tags.SequenceEqual(y.Tags);

        public int GetHashCode(DeckLsp.Core.Model.Card obj) => obj.Span.GetHashCode();
    }
}
