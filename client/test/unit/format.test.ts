import { describe, expect, it } from "vitest";
import { dueText, dueTooltip } from "../../src/dueStatus";
import { formatDuration, formatProgress } from "../../src/webview/format";

describe("formatDuration", () => {
  it.each([
    [0, "0s"],
    [499, "0s"],
    [45_000, "45s"],
    [60_000, "1m 00s"],
    [125_000, "2m 05s"],
    [3_600_000, "1h 00m"],
    [3_840_000, "1h 04m"],
    [-10, "0s"],
  ])("%d ms is %s", (ms, expected) => {
    expect(formatDuration(ms)).toBe(expected);
  });
});

describe("formatProgress", () => {
  it("Says_done_of_total_and_what_is_left", () => {
    expect(formatProgress({ done: 3, remaining: 6, total: 9 })).toBe("3 of 9 done · 6 left");
  });
});

describe("status bar text", () => {
  it("Shows_due_cards_and_new_ones_when_there_are_any", () => {
    expect(dueText({ due: 4, new: 9 })).toBe("$(mortar-board) 4 due · 9 new");
    expect(dueText({ due: 0, new: 0 })).toBe("$(mortar-board) 0 due");
  });

  it("Tooltip_spells_the_counts_out", () => {
    expect(dueTooltip({ due: 1, new: 2 })).toBe("1 card due and 2 cards never studied in this workspace. Click to study the due cards.");
  });
});
