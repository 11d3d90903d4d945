namespace DeckLsp.Core.Tests.Diagnostics;

/// <summary>Each diagnostic code: decks that raise it, at the right place, and look-alike decks that must not.</summary>
public class DiagnosticCases
{
    public static TheoryData<string, string, string[]> Cases => new()
    {
        // A well-formed deck of every shape raises nothing.
        { "clean basic cards", "Q: one\n\nA: two\n\nQ: three\nA: four\n", [] },
        { "clean answer on next line", "Q:\nWhat is it?\n\nA:\nThis.\n", [] },
        { "clean multi-block sides", "Q: Explain\n\n- a\n- b\n\nA: Like so:\n\n```python\nprint(1)\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n", [] },
        { "clean cloze", "C: The {{mitochondria}} is the {{powerhouse::what?}} of the cell.\n", [] },
        { "clean cloze with extra", "C: {{Paris}} is in France.\n\nA: Capital since 508.\n", [] },
        { "section description is prose", "# RNNs\n\nSome notes about RNNs.\n\nQ: a\nA: b\n", [] },
        { "prose after a break", "Q: a\nA: b\n\n---\n\nLoose notes.\n", [] },
        { "math block left open at the very end", "C: the {{x::hint}} y\n$$", [] },
        { "clean reversible card", "R: der Hund\nA: the dog\n\nR:\nle chat\n\nA:\nthe cat\n", [] },
        { "R inside a word or lower case is prose", "Rust is fast.\n\nr: the radius\n\nRR: no\n", [] },
        { "a lone or dotted R is prose", "R\n\nR. Feynman said so.\n", [] },
        { "sample-like front matter", "---\ntitle: T\ntags: [a, b]\nid: deck-1\n---\n\nQ: a\n\nA: b\n", [] },

        // DECK001
        { "question without answer at end", "Q: lonely\n", ["DECK001 0:0-0:2"] },
        { "question without answer before next card", "Q: one\n\nQ: two\nA: 2\n", ["DECK001 0:0-0:2"] },
        { "question without answer before heading", "Q: one\n\n# H\n\nQ: two\nA: 2\n", ["DECK001 0:0-0:2"] },
        { "question without answer before break", "Q: one\n\n***\n\nQ: two\nA: 2\n", ["DECK001 0:0-0:2"] },
        { "reversible card without answer", "R: der Hund\n\nQ: two\nA: 2\n", ["DECK001 0:0-0:2"] },
        { "A: in a code block is not an answer", "Q: one\n\n```\nA: not this\n```\n", ["DECK001 0:0-0:2"] },

        // DECK002
        { "answer without question at start", "A: orphan\n", ["DECK002 0:0-0:2"] },
        { "answer after heading", "Q: a\nA: b\n\n## S\n\nA: orphan\n", ["DECK002 5:0-5:2"] },
        { "answer after break", "Q: a\nA: b\n\n---\n\nA: orphan\n", ["DECK002 5:0-5:2"] },

        // DECK003
        { "empty question", "Q:\n\nA: b\n", ["DECK003 0:0-0:2"] },
        { "question of only an id comment is empty", "Q: <!-- id: x -->\n\nA: b\n", ["DECK003 0:0-0:2"] },

        // DECK004
        { "empty answer", "Q: a\n\nA:\n", ["DECK004 2:0-2:2"] },
        { "empty answer before next card", "Q: a\nA:\n\nQ: b\nA: c\n", ["DECK004 1:0-1:2"] },

        { "reversible card with an empty answer", "R: der Hund\nA:\n", ["DECK004 1:0-1:2"] },

        // DECK005
        { "second answer", "Q: a\n\nA: b\n\nA: c\n", ["DECK005 4:0-4:2"] },
        { "second answer on next line", "Q: a\nA: b\nA: c\n", ["DECK005 2:0-2:2"] },
        { "setext underline after a card is a break", "Q: a\nA: b\n---\nA: c\n", ["DECK002 3:0-3:2"] },

        // DECK006
        { "same question twice", "Q: What is X?\nA: 1\n\nQ: what  is **x**?\nA: 2\n", ["DECK006 0:3-0:13", "DECK006 3:3-3:18"] },
        { "different questions", "Q: What is X?\nA: 1\n\nQ: What is Y?\nA: 2\n", [] },
        { "one-letter questions that differ in case", "Q: i\nA: insert\n\nQ: I\nA: insert at the start of the line\n", [] },
        { "vim commands that differ in case", "Q: gu\nA: lower case\n\nQ: gU\nA: upper case\n", [] },
        { "a mixed-case word inside a sentence", "Q: What does gu do?\nA: 1\n\nQ: What does gU do?\nA: 2\n", [] },
        { "symbols that differ in case", "Q: Co\nA: cobalt\n\nQ: CO\nA: carbon monoxide\n", [] },
        { "the same one-word question twice", "Q: gU\nA: 1\n\nQ: gU\nA: 2\n", ["DECK006 0:3-0:5", "DECK006 3:3-3:5"] },
        { "the same prose in capitals", "Q: WHAT IS X?\nA: 1\n\nQ: What is x?\nA: 2\n", ["DECK006 0:3-0:13", "DECK006 3:3-3:13"] },
        { "the same prose in sentence case", "Q: paris is the capital of?\nA: 1\n\nQ: Paris is the capital of?\nA: 2\n", ["DECK006 0:3-0:27", "DECK006 3:3-3:27"] },

        // DECK007
        { "lower-case q", "q: a\n\nA: b\n", ["DECK002 2:0-2:2", "DECK007 0:0-0:2"] },
        { "space before colon", "Q : a\nA: b\n", ["DECK002 1:0-1:2", "DECK007 0:0-0:3"] },
        { "bold marker", "**Q:** a\n\n**A:** b\n", ["DECK007 0:0-0:6", "DECK007 2:0-2:6"] },
        { "word marker", "Question: a\n\nAnswer: b\n", ["DECK007 0:0-0:9", "DECK007 2:0-2:7"] },
        { "full-width colon", "Q：a\n\nA：b\n", ["DECK007 0:0-0:2", "DECK007 2:0-2:2"] },
        { "dotted marker", "Q. a\n\nA. b\n", ["DECK007 0:0-0:2", "DECK007 2:0-2:2"] },
        { "lone letters", "Q\n\nWhat?\n\nA\n\nThat.\n", ["DECK007 0:0-0:1", "DECK007 4:0-4:1"] },
        { "lower-case a after question line", "Q: a\na: b\n", ["DECK001 0:0-0:2", "DECK007 1:0-1:2"] },
        { "cloze look-alike", "c: {{x}}\n", ["DECK007 0:0-0:2"] },
        { "bold reversible marker", "**R:** a\n\nA: b\n", ["DECK002 2:0-2:2", "DECK007 0:0-0:6"] },
        { "reversible marker with a space or a full-width colon", "R : a\n\nR：b\n", ["DECK007 0:0-0:3", "DECK007 2:0-2:2"] },
        { "marker R in a list item", "- R: a\n", ["DECK008 0:2-0:4"] },
        { "words that merely start with the letters", "Quite so.\n\nAnd then.\n\nQA: not a marker\n", [] },
        { "a sentence with a colon later", "A common case: nothing.\n", [] },

        // DECK008
        { "marker in a list item", "- Q: a\n- A: b\n", ["DECK008 0:2-0:4", "DECK008 1:2-1:4"] },
        { "marker in a block quote", "> Q: a\n", ["DECK008 0:2-0:4"] },
        { "marker in a table", "| Q: a | b |\n|---|---|\n| 1 | 2 |\n", ["DECK008 0:2-0:4"] },
        { "marker in a fenced code block", "```\nQ: a\n```\n", [] },
        { "marker in an indented code block", "    Q: a\n", [] },
        { "marker in an HTML comment", "<!--\nQ: a\n-->\n", [] },
        { "marker in an HTML block", "<div>\nQ: a\n</div>\n", [] },

        // DECK009
        { "duplicate id", "Q: a <!-- id: x -->\nA: 1\n\nQ: b <!-- id: x -->\nA: 2\n", ["DECK009 3:14-3:15"] },
        { "two ids in one card", "Q: a <!-- id: x -->\n\nA: 1 <!-- id: y -->\n", ["DECK009 2:14-2:15"] },
        { "distinct ids", "Q: a <!-- id: x -->\nA: 1\n\nQ: b\n\n<!-- id: y -->\n\nA: 2\n", [] },
        { "id in code is not an id", "Q: a <!-- id: x -->\nA: `<!-- id: x -->`\n", [] },

        // DECK010
        { "malformed id", "Q: a <!-- id: has space -->\nA: 1\n", ["DECK010 0:14-0:23"] },
        { "too long id", $"Q: a <!-- id: {new string('x', 65)} -->\nA: 1\n", ["DECK010 0:14-0:79"] },
        { "id with a bad character", "Q: a\nA: 1 <!-- id: caf\u00e9 -->\n", ["DECK010 1:14-1:18"] },

        // DECK011
        { "invalid YAML", "---\ntitle: [unclosed\n---\n\nQ: a\nA: b\n", ["DECK011 2:0-2:3"] },
        { "title of the wrong type", "---\ntitle: [a, b]\n---\n\nQ: a\nA: b\n", ["DECK011 1:7-1:13"] },
        { "tags of the wrong type", "---\ntags: rnn\n---\n\nQ: a\nA: b\n", ["DECK011 1:6-1:9"] },
        { "unknown key", "---\ntitle: T\nauthor: me\n---\n\nQ: a\nA: b\n", ["DECK011 2:0-2:6"] },
        // YamlDotNet builds its model recursively: past the depth limit the front matter is refused, not followed down.
        { "front matter nested past the depth limit", $"---\ntitle: {Nested(65)}\n---\n\nQ: a\nA: b\n", ["DECK011 1:70-1:71"] },
        { "front matter nested 30,000 deep and never closed", $"---\ntitle: {new string('[', 30_000)}\n---\n\nQ: a\nA: b\n", ["DECK011 1:70-1:71"] },
        { "front matter nested up to the depth limit", $"---\nnote: {Nested(63)}\n---\n", ["DECK011 1:0-1:4"] },

        // DECK012
        { "cloze without deletion", "C: nothing hidden here\n", ["DECK012 0:0-0:2"] },
        { "cloze braces only in code", "C: use `{{x}}` in Jinja\n", ["DECK012 0:0-0:2"] },

        // DECK013
        { "unclosed deletion", "C: the {{mitochondria is\n", ["DECK013 0:7-0:9"] },
        { "stray closing braces", "C: the {{a}} and b}}\n", ["DECK013 0:18-0:20"] },
        { "closing braces inside inline math", "C: The {{unit vector}} is $\\frac{\\mathbf{v}}{\\|\\mathbf{v}\\|}$\n", [] },
        { "braces inside display math", "C: {{Euler}} wrote $$e^{i\\pi}}}$$\n", [] },
        { "stray closing braces beside math", "C: {{a}} $x$ b}}\n", ["DECK013 0:14-0:16"] },

        // DECK020
        { "an empty deletion", "C: the {{}} and {{x}}\n", ["DECK020 0:7-0:11"] },
        { "a deletion of only a hint", "C: the {{::hint}} and {{x}}\n", ["DECK020 0:7-0:17"] },
        { "a deletion of only spaces", "C: {{ }} and {{x}}\n", ["DECK020 0:3-0:8"] },
        { "a deletion with text and an empty hint", "C: {{x::}} and {{y}}\n", [] },

        // DECK021
        { "hashcards front matter", "---\nname = \"Geo\"\n---\n\nQ: a\nA: b\n", ["DECK011 1:0-1:12", "DECK021 0:0-0:3"] },
        { "hashcards bracket cloze", "C: [Paris] is the capital of [France].\n", ["DECK012 0:0-0:2", "DECK021 0:0-0:2"] },
        { "hashcards root image", "Q: flag?\n\nA: ![f](@/img/f.png)\n", ["DECK015 2:8-2:19", "DECK021 2:8-2:19"] },
        { "obsidian schedule comment", "Q: a\nA: b\n<!--SR:!2024-05-01,3,250-->\n", ["DECK021 2:0-2:7"] },
        { "obsidian question mark line", "What is X\n?\nY\n\nQ: a\nA: b\n", ["DECK021 1:0-1:1"] },
        { "one per file", "<!--SR:!2024-05-01,3,250-->\n\n# H\n\nC: [x] y\n\n<!--SR:!2024-05-01,3,250-->\n", ["DECK012 4:0-4:2", "DECK021 0:0-0:7"] },
        { "a cloze card with a deletion and a bracket", "C: [x] {{y}}\n", [] },
        { "brackets in a basic card", "Q: a\nA: see [1] and [the docs](https://x.org)\n", [] },
        { "a question mark line in code", "Q: a\n\nA:\n```\n?\n```\n", [] },
        { "a double colon in prose", "Use std::vector here.\n\nQ: a\nA: b\n", [] },
        { "yaml front matter", "---\ntitle: T\n---\n\nQ: a\nA: b\n", [] },
        { "braces in a basic card are text", "Q: what is {{?\nA: b\n", [] },

        // DECK014
        { "answer equal to question", "Q: Paris\nA: paris\n", ["DECK014 1:3-1:8"] },
        { "reversible answer equal to question", "R: Paris\nA: paris\n", ["DECK014 1:3-1:8"] },

        // DECK015
        { "missing image", "Q: a\nA: ![x](images/missing.png)\n", ["DECK015 1:8-1:26"] },
        { "existing image and link", "Q: a\nA: ![x](images/diagram.png) [n](notes.md#part) [s](<my file.md>)\n", [] },
        { "missing image in a heading after a tab", "Intro ![a](pic.png)\n\n## \t![b](gone.png)\n", ["DECK015 0:11-0:18", "DECK015 2:9-2:17"] },
        { "web and anchor links are not checked", "Q: a\nA: [w](https://example.com/x.png) [h](#top) [m](mailto:a@b.c)\n", [] },
        { "reference-style targets are not checked", "Q: a\nA: see [n][ref]\n\n[ref]: missing.md\n", [] },

        // DECK019
        { "card tags", "Q: a <!-- tags: exam, lang/python #hard -->\nA: b <!-- tags: anki::deck x.y -->\n", [] },
        { "tags beside an id", "Q: a <!-- id: x --> <!-- tags: exam -->\nA: b\n", [] },
        { "malformed tag", "Q: a <!-- tags: ok, -bad, wh@t -->\nA: b\n", ["DECK019 0:20-0:24", "DECK019 0:26-0:30"] },
        { "tag too long", $"Q: a <!-- tags: {new string('t', 65)} -->\nA: b\n", ["DECK019 0:16-0:81"] },
        { "tags comment naming nothing", "Q: a <!-- tags: -->\nA: b\n", ["DECK019 0:16-0:16"] },
        { "tags comment outside a card", "# S\n\n<!-- tags: exam -->\n\nQ: a\nA: b\n", ["DECK019 2:11-2:15"] },
        { "a tags comment in code is text", "Q: a\nA: `<!-- tags: -->`\n", [] },
        { "other comments are not tags", "Q: a <!-- tagged: ?? -->\nA: b <!-- note: tags: -->\n", [] },

        // DECK022
        { "reverse asks another card's question", "R: der Hund\nA: the dog\n\nQ: The  dog\nA: der Hund\n", ["DECK022 1:3-1:10"] },
        { "reverse asks a question that comes later or earlier alike", "Q: the dog\nA: der Hund\n\nR: der Hund\nA: The **dog**\n", ["DECK022 4:3-4:14"] },
        { "two reverses ask the same", "R: der Hund\nA: the dog\n\nR: le chien\nA: the dog\n", ["DECK022 4:3-4:10"] },
        { "a one-way card's answer may repeat", "Q: der Hund\nA: the dog\n\nQ: le chien\nA: the dog\n", [] },
        { "a reverse that asks something new", "R: der Hund\nA: the dog\n\nQ: die Katze\nA: the cat\n", [] },
    };

    private static string Nested(int depth) => new string('[', depth) + new string(']', depth);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Deck_raises_exactly_the_expected_diagnostics(string name, string deck, string[] expected)
    {
        Assert.NotNull(name);
        DeckCheck.Expect(deck, expected);
    }
}
