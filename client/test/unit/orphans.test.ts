import { describe, expect, it } from "vitest";
import { orphanItem } from "../../src/orphans";

describe("orphanItem", () => {
  it("Shows_the_question_the_deck_and_the_history", () => {
    const item = orphanItem({ cardKey: "k1", deckPath: "/decks/rnn.deck.md", question: "What is BPTT?", reviews: 3, lastReview: "2026-11-20T10:00:00+00:00" });
    expect([item.label, item.description, item.detail]).toEqual(["What is BPTT?", "/decks/rnn.deck.md", "3 reviews, last on 2026-11-20"]);
  });

  it("Falls_back_to_the_card_key_and_says_when_the_deck_is_gone", () => {
    const item = orphanItem({ cardKey: "k2", deckPath: null, question: "", reviews: 1, lastReview: null });
    expect([item.label, item.description, item.detail]).toEqual(["k2", "(deck gone)", "1 review"]);
  });
});
