import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Statistics } from "../../src/protocol";
import type { ToStatisticsPage } from "../../src/statistics/statisticsMessages";
import { type Browser, launchChromium } from "../support/chromium";
import { type PageServer, baseStyle, openStatisticsPage, startPageServer, useTheme } from "./harness";
import { simulatedStatistics, unstudiedStatistics } from "./statisticsFixture";

// Set DECKLSP_SCREENSHOTS to a folder (docs/images) to save the README's screenshot of the view on the way.
const screenshots = process.env.DECKLSP_SCREENSHOTS;

let browser: Browser;
let server: PageServer;
let page: Page;

beforeAll(async () => {
  server = await startPageServer();
  browser = await launchChromium({ width: 960, height: 1000 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(async () => {
  page = await browser.context.newPage();
  await openStatisticsPage(page, server);
});

afterEach(async () => {
  await page.close();
});

/** A deck's figures small enough to add up by hand (Wednesday 11 March 2026 is today). */
const small: Statistics = {
  scope: "deck",
  title: "Biology",
  decks: 1,
  cards: 12,
  new: 3,
  due: 4,
  reviews: 20,
  reviewsToday: 5,
  today: "2026-03-11",
  calendar: [
    { date: "2026-03-02", reviews: 7 },
    { date: "2026-03-05", reviews: 8 },
    { date: "2026-03-11", reviews: 5 },
  ],
  forecast: [4, 0, 2, ...new Array<number>(7).fill(0), 3, ...new Array<number>(19).fill(0)],
  retention: [
    { week: "2026-03-02", reviews: 8, passed: 6, rate: 0.75 },
    { week: "2026-03-09", reviews: 4, passed: 4, rate: 1 },
  ],
  states: { new: 3, learning: 1, review: 7, relearning: 1 },
};

async function send(message: ToStatisticsPage): Promise<void> {
  await page.evaluate((m) => window.postMessage(m, "*"), message);
}

async function show(statistics: Statistics): Promise<void> {
  await send({ type: "statistics", statistics });
  await page.locator("h1", { hasText: statistics.title }).waitFor();
}

/** How many pixels of the section's canvas are drawn (not transparent), and how many are exactly `color` (#rrggbb). */
function drawn(section: string, color = "#000000"): Promise<{ painted: number; matching: number }> {
  return page.locator(`section.${section} canvas`).evaluate((canvas: HTMLCanvasElement, hex) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    const pixels = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
    let painted = 0;
    let matching = 0;
    for (let i = 0; i < pixels.length; i += 4) {
      painted += pixels[i + 3] > 0 ? 1 : 0;
      matching += pixels[i] === r && pixels[i + 1] === g && pixels[i + 2] === b && pixels[i + 3] === 255 ? 1 : 0;
    }
    return { painted, matching };
  }, color);
}

const caption = (section: string) => page.locator(`section.${section} .caption`).textContent();
const tableRows = (section: string) =>
  page.locator(`section.${section} canvas tr`).evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => cell.textContent)));
const violations = () => page.evaluate(() => window.__violations);
const posted = () => page.evaluate(() => window.__posted as unknown[]);

describe("statistics page", () => {
  it("Asks_for_the_figures_once_it_listens", async () => {
    expect(await posted()).toEqual([{ type: "ready" }]);
  });

  it("Draws_the_calendar_forecast_retention_and_states_with_their_totals_in_words", async () => {
    await show(small);

    expect(await page.locator(".summary").textContent()).toBe("12 cards in 1 deck · 4 due · 3 new · 20 reviews (5 today)");
    expect(await caption("calendar")).toBe("20 reviews on 3 days");
    expect(await caption("forecast")).toBe("9 cards due in the next 30 days, 4 today");
    expect(await caption("retention")).toBe("83% passed of 12 reviews of cards in review");
    expect(await caption("states")).toBe("3 new, 1 learning, 7 review, 1 relearning");
    expect(await page.locator("section h2").allTextContents()).toEqual(["Reviews per day", "Due in the next 30 days", "True retention by week", "Cards by state"]);
    for (const section of ["calendar", "forecast", "retention", "states"]) {
      expect((await drawn(section)).painted, section).toBeGreaterThan(500);
    }
    expect(await page.locator("section.forecast canvas").getAttribute("aria-label")).toBe("Due in the next 30 days: 9 cards due in the next 30 days, 4 today");
    expect(await tableRows("calendar")).toEqual([["2026-03-02", "7"], ["2026-03-05", "8"], ["2026-03-11", "5"]]);
    expect((await tableRows("forecast")).slice(0, 3)).toEqual([["Today", "4"], ["Mar 12", "0"], ["Mar 13", "2"]]);
    expect(await tableRows("retention")).toEqual([["Week of Mar 2", "75% of 8"], ["Week of Mar 9", "100% of 4"]]);
    expect(await tableRows("states")).toEqual([["New", "3"], ["Learning", "1"], ["Review", "7"], ["Relearning", "1"]]);
    expect(await violations()).toEqual([]);
  });

  it("Draws_in_the_theme_colours", async () => {
    await useTheme(page, server, "light");
    await show(small);
    // Light Modern's --vscode-charts-blue fills the forecast's bars; its green draws the retention line.
    expect((await drawn("forecast", "#1a85ff")).matching).toBeGreaterThan(100);
    expect((await drawn("retention", "#388a34")).matching).toBeGreaterThan(20);
    expect(await page.locator("body").evaluate((body) => getComputedStyle(body).backgroundColor)).toBe("rgb(255, 255, 255)");
    expect(await violations()).toEqual([]);
  });

  it("The_shared_stylesheet_lays_out_the_page_in_the_theme", async () => {
    await show(small);
    expect(await baseStyle(page)).toEqual({ padding: "0px 24px 32px", lineHeight: "19.5px", colorScheme: "light dark", blockedStyles: [] });
  });

  it("A_deck_never_studied_says_so_instead_of_drawing_empty_charts", async () => {
    await show(unstudiedStatistics("2026-03-11"));

    expect(await caption("calendar")).toBe("No reviews yet: the calendar fills in as you study.");
    expect(await caption("forecast")).toBe("Nothing falls due in the next 30 days.");
    expect(await caption("retention")).toBe("No reviews of cards in the Review state yet: true retention shows once cards come back for review.");
    expect(await caption("states")).toBe("9 new, 0 learning, 0 review, 0 relearning");
    expect(await page.locator("canvas").count()).toBe(1);
    expect((await drawn("states")).painted).toBeGreaterThan(500);
    expect(await violations()).toEqual([]);
  });

  it("A_folder_without_decks_says_there_are_none", async () => {
    await show({ ...unstudiedStatistics("2026-03-11", 0), scope: "folder", title: "empty", decks: 0 });
    expect(await page.locator(".status").textContent()).toBe("There are no decks here.");
    expect(await page.locator("canvas").count()).toBe(0);
  });

  it("An_error_replaces_the_charts", async () => {
    await show(small);
    await send({ type: "error", message: "The statistics could not be read: no deck or folder at file:///gone" });
    await expect.poll(() => page.locator(".status.error").textContent()).toBe("The statistics could not be read: no deck or folder at file:///gone");
    expect(await page.locator("canvas").count()).toBe(0);
  });

  it("Refresh_asks_for_fresh_figures_and_new_figures_redraw", async () => {
    await show(small);
    await page.getByRole("button", { name: "Refresh" }).click();
    expect((await posted()).at(-1)).toEqual({ type: "refresh" });
    await show({ ...small, title: "Biology again", reviews: 21, reviewsToday: 6 });
    expect(await page.locator(".summary").textContent()).toBe("12 cards in 1 deck · 4 due · 3 new · 21 reviews (6 today)");
    expect(await page.locator("section").count()).toBe(4);
  });

  it("A_panel_shown_again_draws_its_last_figures_at_once_from_its_saved_state", async () => {
    await show(small);
    const state = await page.evaluate(() => window.__state);
    const again = await browser.context.newPage();
    try {
      page = again;
      await openStatisticsPage(again, server, state);
      expect(await again.locator(".summary").textContent()).toBe("12 cards in 1 deck · 4 due · 3 new · 20 reviews (5 today)");
      expect((await drawn("calendar")).painted).toBeGreaterThan(500);
    } finally {
      await again.close();
    }
  });

  it("Draws_months_of_simulated_reviews_in_the_dark_theme", async () => {
    const statistics = simulatedStatistics("2026-03-11");
    await useTheme(page, server, "dark");
    await show(statistics);

    const reviewed = statistics.calendar.length;
    expect(await caption("calendar")).toBe(`${statistics.reviews} reviews on ${reviewed} days`);
    expect(await tableRows("calendar")).toHaveLength(reviewed);
    expect((await tableRows("retention")).length).toBe(Math.min(26, statistics.retention.length));
    for (const section of ["calendar", "forecast", "retention", "states"]) {
      expect((await drawn(section)).painted, section).toBeGreaterThan(500);
    }
    expect(await violations()).toEqual([]);
    if (screenshots) {
      mkdirSync(screenshots, { recursive: true });
      await page.screenshot({ path: join(screenshots, "statistics.png"), fullPage: true });
    }
  });
});
