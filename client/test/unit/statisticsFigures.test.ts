import { describe, expect, it } from "vitest";
import { calendarGrid, captions, forecastLabels, recentWeeks } from "../../src/webview/statistics/figures";

describe("calendarGrid", () => {
  it("Lays_out_weeks_from_Monday_ending_with_todays_week_and_no_day_after_today", () => {
    // Wednesday 11 March 2026; three columns: the weeks of 23 Feb, 2 Mar and 9 Mar (that one through Wednesday).
    const grid = calendarGrid([{ date: "2026-03-02", reviews: 7 }, { date: "2026-03-11", reviews: 5 }, { date: "2025-01-01", reviews: 9 }], "2026-03-11", 3);
    expect(grid.cells).toHaveLength(7 + 7 + 3);
    expect(grid.cells[0]).toEqual({ x: 0, y: 0, date: "2026-02-23", reviews: 0 });
    expect(grid.cells.find((cell) => cell.date === "2026-03-02")).toEqual({ x: 1, y: 0, date: "2026-03-02", reviews: 7 });
    expect(grid.cells.at(-1)).toEqual({ x: 2, y: 2, date: "2026-03-11", reviews: 5 });
    expect(grid.columns).toEqual(["Mar", "", ""]); // the week of 23 February holds 1 March: its column is labelled
    expect(grid.max).toBe(7); // the day outside the grid does not count
  });
});

describe("forecastLabels", () => {
  it("Starts_with_today_then_dates_across_a_month_end", () => {
    expect(forecastLabels("2026-02-27", 4)).toEqual(["Today", "Feb 28", "Mar 1", "Mar 2"]);
  });
});

describe("recentWeeks", () => {
  it("Keeps_the_latest_weeks", () => {
    const weeks = ["2026-01-05", "2026-01-12", "2026-01-19"].map((week) => ({ week, reviews: 1, passed: 1, rate: 1 }));
    expect(recentWeeks(weeks, 2).map((w) => w.week)).toEqual(["2026-01-12", "2026-01-19"]);
  });
});

describe("captions", () => {
  it("Weighs_retention_by_reviews_not_by_weeks", () => {
    const text = captions({
      scope: "deck", title: "t", decks: 1, cards: 1, new: 0, due: 1, reviews: 1, reviewsToday: 1, today: "2026-03-11",
      calendar: [{ date: "2026-03-11", reviews: 1 }], forecast: [1, ...new Array<number>(29).fill(0)],
      retention: [{ week: "2026-03-02", reviews: 9, passed: 9, rate: 1 }, { week: "2026-03-09", reviews: 1, passed: 0, rate: 0 }],
      states: { new: 0, learning: 0, review: 1, relearning: 0 },
    });
    expect(text.retention).toBe("90% passed of 10 reviews of cards in review");
    expect(text.summary).toBe("1 card in 1 deck · 1 due · 0 new · 1 review (1 today)");
    expect(text.forecast).toBe("1 card due in the next 30 days, 1 today");
    expect(text.calendar).toBe("1 review on 1 day");
  });
});
