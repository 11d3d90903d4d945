import { describe, expect, it } from "vitest";
import { isDeckPath, parseStudyArguments, parseTags, studyAtCursor, studyTitle } from "../../src/study/studyArguments";

const uri = "file:///decks/rnn.deck.md";

// Each row: what the lens (or a caller) passes to `decklsp.study`, and the start-review parameters it means.
const cases: [string, unknown[], unknown][] = [
  ["deck lens", [{ uri, scope: "deck", line: 0 }], { uri, scope: "deck", line: 0 }],
  ["section lens", [{ uri, scope: "section", line: 12 }], { uri, scope: "section", line: 12 }],
  ["card lens", [{ uri, scope: "card", line: 40 }], { uri, scope: "card", line: 40 }],
  ["workspace, uri ignored", [{ scope: "workspace", uri }], { scope: "workspace" }],
  ["mode is passed on", [{ uri, scope: "deck", mode: "all" }], { uri, scope: "deck", mode: "all" }],
  ["cram is passed on", [{ uri, scope: "deck", mode: "cram" }], { uri, scope: "deck", mode: "cram" }],
  ["unknown mode is dropped", [{ uri, scope: "deck", mode: "sometimes" }], { uri, scope: "deck" }],
  ["tags are passed on", [{ scope: "workspace", tags: ["exam", "lang/python"] }], { scope: "workspace", tags: ["exam", "lang/python"] }],
  ["tags that are not strings are dropped", [{ scope: "workspace", tags: ["exam", 3] }], { scope: "workspace" }],
  ["empty tags are dropped", [{ scope: "workspace", tags: [] }], { scope: "workspace" }],
  ["deck without a line", [{ uri, scope: "deck" }], { uri, scope: "deck" }],
  ["card without a line", [{ uri, scope: "card" }], undefined],
  ["negative line", [{ uri, scope: "section", line: -1 }], undefined],
  ["fractional line", [{ uri, scope: "card", line: 1.5 }], undefined],
  ["line as text", [{ uri, scope: "card", line: "3" }], undefined],
  ["unknown scope", [{ uri, scope: "chapter", line: 1 }], undefined],
  ["no uri for a deck", [{ scope: "deck" }], undefined],
  ["empty uri", [{ uri: "", scope: "deck" }], undefined],
  ["no arguments (palette)", [], undefined],
  ["a string", ["deck"], undefined],
  ["null", [null], undefined],
];

describe("parseStudyArguments", () => {
  it.each(cases)("%s", (_, args, expected) => {
    expect(parseStudyArguments(args)).toEqual(expected);
  });
});

describe("studyAtCursor", () => {
  it("Deck_scope_leaves_the_line_out", () => {
    expect(studyAtCursor("deck", uri, 7)).toEqual({ uri, scope: "deck" });
  });

  it("A_mode_is_carried_when_given", () => {
    expect(studyAtCursor("section", uri, 7, "cram")).toEqual({ uri, scope: "section", line: 7, mode: "cram" });
  });

  it("Section_and_card_scopes_carry_the_cursor_line", () => {
    expect(studyAtCursor("section", uri, 7)).toEqual({ uri, scope: "section", line: 7 });
    expect(studyAtCursor("card", uri, 9)).toEqual({ uri, scope: "card", line: 9 });
  });
});

describe("deck names", () => {
  it.each([
    ["/a/rnn.deck.md", true],
    ["/a/RNN.DECK.MD", true],
    ["/a/rnn.md", false],
    ["/a/deck.md.txt", false],
    ["/a/x.deck.markdown", false],
  ])("isDeckPath(%s) is %s", (path, expected) => {
    expect(isDeckPath(path)).toBe(expected);
  });

  it("Title_is_the_deck_file_name_without_its_extension", () => {
    expect(studyTitle({ uri: "file:///decks/neural%20nets.deck.md", scope: "deck" })).toBe("Study: neural nets");
    expect(studyTitle({ scope: "workspace" })).toBe("Study: due cards");
  });

  it("Cram_and_tags_show_in_the_title", () => {
    expect(studyTitle({ uri, scope: "deck", mode: "cram" })).toBe("Cram: rnn");
    expect(studyTitle({ scope: "workspace", mode: "cram", tags: ["exam"] })).toBe("Cram: workspace #exam");
    expect(studyTitle({ scope: "workspace", tags: ["exam", "lstm"] })).toBe("Study: workspace #exam #lstm");
  });
});

describe("parseTags", () => {
  it.each([
    ["exam", ["exam"]],
    ["exam, lang/python  #hard", ["exam", "lang/python", "hard"]],
    [" , ", []],
    ["", []],
  ])("%j", (typed, expected) => {
    expect(parseTags(typed)).toEqual(expected);
  });
});
