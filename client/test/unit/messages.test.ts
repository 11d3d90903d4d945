import { describe, expect, it } from "vitest";
import { isWebLink, parseFromPanel } from "../../src/study/messages";

describe("parseFromPanel", () => {
  it.each([
    [{ type: "ready" }, { type: "ready" }],
    [{ type: "undo", extra: 1 }, { type: "undo" }],
    [{ type: "edit" }, { type: "edit" }],
    [{ type: "studyAll" }, { type: "studyAll" }],
    [{ type: "rate", rating: 3, durationMs: 1500.4 }, { type: "rate", rating: 3, durationMs: 1500 }],
    [{ type: "rate", rating: 5 }, { type: "rate", rating: 5, durationMs: 0 }],
    [{ type: "rate", rating: 1, durationMs: -5 }, { type: "rate", rating: 1, durationMs: 0 }],
    [{ type: "rate", rating: 1, durationMs: Number.NaN }, { type: "rate", rating: 1, durationMs: 0 }],
    [{ type: "openLink", href: "https://example.com" }, { type: "openLink", href: "https://example.com" }],
  ])("%j is read as %j", (message, expected) => {
    expect(parseFromPanel(message)).toEqual(expected);
  });

  it.each([
    [{ type: "rate", rating: 0 }],
    [{ type: "rate", rating: 6 }],
    [{ type: "rate", rating: "3" }],
    [{ type: "rate", rating: 2.5 }],
    [{ type: "openLink", href: 42 }],
    [{ type: "runCommand", command: "workbench.action.terminal.new" }],
    [null],
    ["ready"],
    [undefined],
  ])("%j is rejected", (message) => {
    expect(parseFromPanel(message)).toBeUndefined();
  });
});

describe("isWebLink", () => {
  it.each([
    ["https://example.com/a", true],
    ["http://example.com", true],
    ["HTTPS://EXAMPLE.COM", true],
    ["javascript:alert(1)", false],
    ["command:workbench.action.terminal.new", false],
    ["file:///etc/passwd", false],
    ["vscode://settings", false],
    ["data:text/html,hi", false],
    ["relative/path.md", false],
    ["", false],
  ])("%s is %s", (href, expected) => {
    expect(isWebLink(href)).toBe(expected);
  });
});
