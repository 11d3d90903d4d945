import { beforeEach, describe, expect, it } from "vitest";
import { applyAction, optimizeMessage, optimizeScheduling } from "../../src/optimize";
import type { OptimizeResult } from "../../src/protocol";
import { fake } from "./fakes/vscode";

const fitted: OptimizeResult = {
  history: "/decks/.decklsp/history",
  outcome: "fitted",
  reason: null,
  reviews: 3071,
  items: 2540,
  parameters: Array.from({ length: 21 }, (_, i) => i / 10),
  current: { parameters: [], logLoss: 0.2501, rmseBins: 0.0539 },
  fitted: { parameters: [], logLoss: 0.2384, rmseBins: 0.0366 },
  better: true,
};

describe("optimizeMessage", () => {
  it("Shows_old_and_new_loss_and_asks", () => {
    expect(optimizeMessage(fitted)).toEqual({
      text: "Parameters fitted to your 3071 reviews. Current: log loss 0.2501, RMSE 5.39%. Fitted: log loss 0.2384, RMSE 3.66%. Schedule with them from now on?",
      ask: true,
    });
  });

  it("Explains_too_little_history_without_asking", () => {
    const message = optimizeMessage({ ...fitted, outcome: "defaults", reason: "0 review(s) on a later day than the card's previous review; at least 8 are needed to learn anything.", reviews: 0, better: false });
    expect(message.ask).toBe(false);
    expect(message.text).toContain("Too little review history to fit parameters (0 reviews): 0 review(s)");
  });

  it("Does_not_offer_parameters_that_predict_worse", () => {
    expect(optimizeMessage({ ...fitted, better: false }).ask).toBe(false);
  });
});

describe("optimizeScheduling", () => {
  beforeEach(() => fake.reset());

  it("Applies_the_fitted_parameters_when_accepted", async () => {
    const applied: number[][] = [];
    fake.answers.push(applyAction);
    await optimizeScheduling("file:///decks/a.deck.md", {
      optimize: async () => fitted,
      apply: async (_uri, parameters) => {
        applied.push(parameters);
        return { history: fitted.history, cards: 300 };
      },
    });
    expect(applied).toEqual([fitted.parameters]);
    expect(fake.informationMessages[1]).toBe("Scheduling now uses your parameters: 300 cards rescheduled.");
  });

  it("Keeps_the_parameters_when_dismissed", async () => {
    let applied = false;
    await optimizeScheduling("file:///decks/a.deck.md", {
      optimize: async () => fitted,
      apply: async () => {
        applied = true;
        return { history: "", cards: 0 };
      },
    });
    expect(applied).toBe(false);
    expect(fake.informationMessages).toHaveLength(1);
  });
});
