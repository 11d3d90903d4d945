using System.Diagnostics;
using DeckLsp.Core.Diagnostics;
using DeckLsp.Core.Documents;
using DeckLsp.Core.Text;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace DeckLsp.Core.Tests.Parsing;

/// <summary>
/// Hostile deck texts: deep nesting, surrogates split or alone, huge and empty fields, every marker and construct left
/// open, repeated until they hurt. Whatever the text, parsing answers (a deck and its problems, never an exception),
/// an edited snapshot equals a full parse of its text, and one case stays within a budget that only a runaway cost
/// (a stack overflow, a quadratic loop, memory without bound) can break. The seed corpus holds the inputs that broke it.
/// 200 cases run in the suite (about 10 s); run 2,000 or more after touching the parser (1,500 took 40 s).
/// </summary>
public class DeckTextFuzz
{
    // Per step, and generous on purpose: these catch runaway costs, not slow ones (speed is bench/'s business).
    private static readonly TimeSpan TimeBudget = TimeSpan.FromSeconds(10);
    private const long AllocationBudget = 1L << 30;

    private static readonly string[] Pieces =
    [
        "Q: what is it?\n", "A: this\n", "C: the {{x::hint}} y\n", "R: der Hund\n", "A: der Hund\n", "Q:", "A:", "C:", "R:", "R : spaced\n", "Q:\nA:\n", "\n", "\n\n", "\r\n", "\r",
        "# Heading\n", "---\n", "***\n", "```\n", "~~~\n", "    indented\n", "- ", "1. ", "> ", ">", "  ", "\t", ":::\n",
        "<!-- id: a -->", "<!-- id: ", "<!--", "-->", "<div>\n", "</div>\n", "[a](", "[a](x (", "[a](<", "](", "[", "]", "(",
        ")", "![", "{{", "}}", "::", "$$\n", "$", "`", "``", "*", "_", "**", "<", ">", "&", "\\", "|", "| a | b |\n", "|---|\n",
        "---\ntitle: [", "---\ntitle: T\n---\n", "...\n", "[ref]: x.md\n", "x", "é", "😀", "\uFEFF",
        "\uD83D", "\uDE00", "\uDE00\uD83D", "\u0000", "\u2028", "Q：", "**Q:**",
    ];

    // Most pieces once, some a few times, a few hundreds of times: that is what makes nesting deep and openers many.
    private static readonly Gen<string> Run =
        from piece in Gen.Elements(Pieces)
        from count in Gen.Frequency((20, Gen.Constant(1)), (4, Gen.Choose(2, 20)), (1, Gen.Choose(100, 400)))
        select string.Concat(Enumerable.Repeat(piece, count));

    private static readonly Gen<string> HugeField =
        from marker in Gen.Elements("Q: ", "A: ", "C: {{", "<!-- id: ", "> ", "`")
        from length in Gen.Choose(10_000, 60_000)
        from c in Gen.Elements('x', ' ', '(', '[', '>', '\uD83D')
        select marker + new string(c, length) + "\n";

    private static readonly Gen<string> Deck =
        from runs in Gen.Frequency((12, Run), (1, HugeField)).ListOf().Resize(30)
        select string.Concat(runs);

    public sealed record Edit(int Position, int Removed, string Inserted);

    public sealed record Case(string Deck, Edit[] Edits)
    {
        public override string ToString() =>
            $"deck of {Deck.Length} chars: {Escape(Deck[..Math.Min(Deck.Length, 400)])}\nedits {string.Join(", ", Edits.Select(e => $"({e.Position}, {e.Removed}, {Escape(e.Inserted)})"))}";
    }

    public static Arbitrary<Case> Cases() =>
        (from deck in Deck
         from edits in (from position in Gen.Choose(0, 100_000)
                        from removed in Gen.Frequency((3, Gen.Constant(0)), (2, Gen.Choose(1, 3)), (1, Gen.Choose(4, 200)))
                        from inserted in Gen.Frequency((3, Run), (1, Gen.Constant("")))
                        select new Edit(position, removed, inserted)).ArrayOf().Resize(6)
         select new Case(deck, edits)).ToArbitrary();

    [Property(MaxTest = 200, Arbitrary = [typeof(DeckTextFuzz)])]
    public Property Any_deck_text_parses_within_budget_and_edits_equal_a_full_parse(Case fuzzCase)
    {
        var (ok, problem) = Check(fuzzCase);
        return ok.Label($"{problem}\n{fuzzCase}");
    }

    /// <summary>Inputs that once crashed the server or took seconds, and the shapes around them.</summary>
    public static TheoryData<string, string> Seeds => new()
    {
        { "front matter nested 30,000 deep", "---\ntitle: " + new string('[', 30_000) + "\n---\n\nQ: a\nA: b\n" },
        { "a question repeated 1,000 times", Repeat("Q: same\nA: x\n\n", 1000) },
        { "empty fields", "Q:\nA:\n\nC:\n\nQ:\n\nA:\n\n" + Repeat("Q:A:", 5000) },
        { "a huge question", "Q: " + new string('x', 200_000) + "\nA: b\n" },
        { "200 KB of unclosed id comments", Repeat("<!-- id: ", 200_000 / 9) },
        { "200 KB of unclosed id comments in a card", "Q: x " + Repeat("<!-- id: ", 200_000 / 9) },
        { "200 KB of unclosed comments in a question", "Q: x " + Repeat("<!-- ", 200_000 / 5) + "\nA: y\n" },
        { "200 KB of link openers", Repeat("[a](", 200_000 / 4) },
        { "200 KB of link openers with a parenthesised title", Repeat("[a](x (", 200_000 / 7) },
        { "30,000 nested link openers", "Q: " + new string('[', 30_000) + "\nA: b\n" },
        { "200 block quotes on a line", "Q: a\nA: b\n\n" + new string('>', 200) + " x\n\nQ: c\nA: d\n" },
        { "a 60 KB line of block quotes", "> " + new string('>', 60_000) + "\n" },
        { "a lone high surrogate before a marker", "Q: a\uD83D\nA: \uD83DQ: b\n" },
        { "a lone low surrogate at the start", "\uDE00Q: a\nA: b\n" },
        { "reversed surrogates in emphasis", "Q: *\uDE00\uD83D*\nA: _\uD83D_\n" },
    };

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Seed_parses_within_budget_and_edits_equal_a_full_parse(string name, string deck)
    {
        // Edits that cut the text at its start, middle and end, splitting whatever stands there (a surrogate pair too).
        var middle = deck.Length / 2;
        var edits = new[] { new Edit(middle, 1, "\n"), new Edit(middle + 1, 0, "\uD83D"), new Edit(0, 0, "Q: x\n"), new Edit(deck.Length, 0, "\n\nA:") };

        var result = Check(new Case(deck, edits));

        Assert.True(result.Ok, $"{name}: {result.Problem}");
    }

    // Each step (the first parse, then each edit with the full parse it is compared with) has the budget to itself.
    private static (bool Ok, string Problem) Check(Case fuzzCase)
    {
        try
        {
            DeckDocument? document = null;
            if (OverBudget("the first parse", () => Use(document = DeckDocument.Parse(fuzzCase.Deck))) is { } slow)
            {
                return (false, slow);
            }

            foreach (var edit in fuzzCase.Edits)
            {
                var start = edit.Position % (document!.Text.Length + 1);
                var end = Math.Min(document.Text.Length, start + edit.Removed);
                var expected = document.Text[..start] + edit.Inserted + document.Text[end..];
                var equal = true;
                slow = OverBudget($"the edit {edit}", () =>
                {
                    document = document.Apply(new TextChange(TextSpan.FromBounds(start, end), edit.Inserted));
                    Use(document);
                    var full = DeckDocument.Parse(document.Text);
                    equal = document.IsEquivalentTo(full) && IncrementalParseProperties.SameModel(document, full);
                });
                if (document.Text != expected)
                {
                    return (false, $"after {edit} the text is not the edited text");
                }

                if (!equal)
                {
                    return (false, $"after {edit} the snapshot differs from a full parse");
                }

                if (slow is not null)
                {
                    return (false, slow);
                }
            }
        }
        catch (Exception e)
        {
            return (false, $"threw {e}");
        }

        return (true, "");
    }

    private static string? OverBudget(string step, Action run)
    {
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        run();
        var elapsed = clock.Elapsed;
        var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
        return elapsed > TimeBudget || bytes > AllocationBudget
            ? $"{step} took {elapsed.TotalSeconds:0.0} s and allocated {bytes >> 20} MB: over the budget of {TimeBudget.TotalSeconds} s, {AllocationBudget >> 20} MB"
            : null;
    }

    // Everything a handler reads from a snapshot.
    private static void Use(DeckDocument document)
    {
        foreach (var diagnostic in document.Diagnostics)
        {
            _ = CodeFixes.For(document, diagnostic);
            _ = document.Lines.GetRange(diagnostic.Span);
        }

        foreach (var card in document.Deck.Cards)
        {
            _ = document.Lines.GetRange(card.Span);
        }
    }

    private static string Repeat(string text, int count) => string.Concat(Enumerable.Repeat(text, count));

    private static string Escape(string text) =>
        string.Concat(text.Select(c => char.IsSurrogate(c) || char.IsControl(c) ? $"\\u{(int)c:X4}" : c.ToString()));
}
