import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

// The injection grammar's patterns, run as JavaScript regular expressions (these ones mean the same in Oniguruma).
const grammar = JSON.parse(readFileSync(new URL("../../syntaxes/deck.injection.tmLanguage.json", import.meta.url), "utf8"));
const pattern = (name: string) => new RegExp(grammar.repository[name].match);
const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));

describe("deck grammar", () => {
  it("Is_injected_into_Markdown_and_not_into_code_or_comments", () => {
    expect(manifest.contributes.grammars).toEqual([
      { scopeName: grammar.scopeName, path: "./syntaxes/deck.injection.tmLanguage.json", injectTo: ["text.html.markdown"] },
    ]);
    expect(grammar.injectionSelector).toMatch(/^L:text\.html\.markdown /);
    for (const excluded of ["-markup.fenced_code", "-markup.inline.raw", "-comment"]) {
      expect(grammar.injectionSelector).toContain(excluded);
    }
  });

  it.each([
    ["Q: What is BPTT?", "Q"],
    ["A: Backpropagation through time.", "A"],
    ["C: {{LSTMs}} are gated.", "C"],
    ["R: der Hund", "R"],
    ["Q:", "Q"],
    ["   A: indented up to three", "A"],
  ])("Marker in %j is %s", (line, marker) => {
    expect(pattern("marker").exec(line)?.[1]).toBe(marker);
  });

  it.each([["q: lower case"], ["Q : spaced"], ["Q. dotted"], ["**Q:** bold"], ["Question: word"], ["    Q: code indent"], ["Q:no space"], ["x Q: inside"], ["r: the radius"], ["R : spaced"]])(
    "No marker in %j",
    (line) => {
      expect(pattern("marker").exec(line)).toBeNull();
    },
  );

  it("Card_id_comment_captures_the_id", () => {
    expect(pattern("card-id").exec("A: Paris. <!-- id: capital-fr -->")?.[4]).toBe("capital-fr");
    expect(pattern("card-id").exec("<!-- note: not an id -->")).toBeNull();
  });

  it("Cloze_captures_text_and_hint", () => {
    const match = pattern("cloze").exec("C: {{LSTMs::which units?}} add {{gates}}");
    expect([match?.[2], match?.[4]]).toEqual(["LSTMs", "which units?"]);
    const plain = pattern("cloze").exec("three {{gates}}.");
    expect([plain?.[2], plain?.[4]]).toEqual(["gates", undefined]);
    expect(pattern("cloze").exec("empty {{}} braces")).toBeNull();
  });
});
