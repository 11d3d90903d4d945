import type { Page } from "playwright-core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Browser, launchChromium } from "../support/chromium";
import { type PageServer, baseStyle, cardView, deckFolderUri, fromExtension, openStudyPage, posted, showView, startPageServer, testCard } from "./harness";

let browser: Browser;
let server: PageServer;
let page: Page;

beforeAll(async () => {
  server = await startPageServer();
  browser = await launchChromium({ width: 900, height: 700 });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

beforeEach(async () => {
  page = await browser.context.newPage();
  await openStudyPage(page, server);
});

afterEach(async () => {
  await page.close();
});

const front = () => page.locator(".side.front");
const back = () => page.locator(".side.back");
const answer = () => page.locator(".side.back hr.answer + p");
const rated = async () => (await posted(page)).filter((m) => m.type === "rate");

describe("study page: keyboard and buttons", () => {
  it("Shows_the_question_and_Space_shows_the_answer_with_rating_buttons_and_intervals", async () => {
    await showView(page, cardView(server, 0, 1));
    await expect.poll(() => front().textContent()).toBe("Question 0");
    expect(await back().count()).toBe(0);
    await page.keyboard.press("Space");
    await expect.poll(() => answer().textContent()).toBe("Answer 0");
    expect(await front().count()).toBe(0); // the back is the whole card: it replaces the front
    expect(await back().locator("p").first().textContent()).toBe("Question 0");
    const buttons = await page.locator("button.rate").allInnerTexts();
    expect(buttons.map((text) => text.replace(/\s+/g, " ").trim())).toEqual(["1 Not at all 1m", "2 10m", "3 2d", "4 5d", "5 Perfectly 2w"]);
  });

  it("Enter_shows_the_answer_too", async () => {
    await showView(page, cardView(server, 0, 1));
    await front().waitFor();
    await page.keyboard.press("Enter");
    await expect.poll(() => back().count()).toBe(1);
  });

  it("Number_keys_do_nothing_before_the_answer_is_shown", async () => {
    await showView(page, cardView(server, 0, 1));
    await front().waitFor();
    await page.keyboard.press("3");
    await page.keyboard.press("Space");
    await back().waitFor();
    expect(await rated()).toEqual([]);
  });

  it("A_number_key_rates_once_and_further_keys_wait_for_the_next_card", async () => {
    await showView(page, cardView(server, 0, 1));
    await front().waitFor();
    await page.keyboard.press("Space");
    await back().waitFor();
    await page.keyboard.press("4");
    await page.keyboard.press("2");
    const ratings = await rated();
    expect(ratings).toHaveLength(1);
    expect(ratings[0]).toMatchObject({ type: "rate", rating: 4 });
    expect(typeof (ratings[0] as { durationMs: number }).durationMs).toBe("number");
  });

  it("Clicking_a_rating_button_rates", async () => {
    await showView(page, cardView(server, 0, 1));
    await page.getByRole("button", { name: "Show answer" }).click();
    await page.getByRole("button", { name: /5 Perfectly/ }).click();
    expect(await rated()).toMatchObject([{ rating: 5 }]);
  });

  it("The_next_card_appears_with_its_answer_hidden_and_the_progress_moved_on", async () => {
    await showView(page, cardView(server, 0, 1));
    await page.keyboard.press("Space");
    await back().waitFor();
    await page.keyboard.press("3");
    await showView(page, cardView(server, 1, 2));
    await expect.poll(() => front().textContent()).toBe("Question 1");
    expect(await back().count()).toBe(0);
    expect(await page.locator(".progress-text").textContent()).toBe("1 of 9 done · 8 left");
    expect(await page.locator("progress.progress").evaluate((bar: HTMLProgressElement) => [bar.value, bar.max])).toEqual([1, 9]);
    await page.keyboard.press("Space");
    await page.keyboard.press("5");
    expect((await rated()).map((m) => (m as { rating: number }).rating)).toEqual([3, 5]);
  });

  it("U_undoes_when_there_is_a_rating_to_undo", async () => {
    await showView(page, cardView(server, 0, 1, 0));
    await front().waitFor();
    await page.keyboard.press("u");
    expect(await page.getByRole("button", { name: /Undo/ }).isDisabled()).toBe(true);
    await showView(page, cardView(server, 1, 2, 1));
    await expect.poll(() => front().textContent()).toBe("Question 1");
    await page.keyboard.press("u");
    expect((await posted(page)).filter((m) => m.type === "undo")).toHaveLength(1);
  });

  it("Edit_card_asks_the_extension_to_jump_to_the_card", async () => {
    await showView(page, cardView(server, 0, 1));
    await page.getByRole("button", { name: "Edit card" }).click();
    expect((await posted(page)).at(-1)).toEqual({ type: "edit" });
  });

  it("A_notice_shows_without_losing_the_card", async () => {
    await showView(page, cardView(server, 0, 1));
    await page.keyboard.press("Space");
    await fromExtension(page, { type: "notice", message: "The rating was not saved: database is locked" });
    await expect.poll(() => page.locator(".notice").textContent()).toBe("The rating was not saved: database is locked");
    expect(await answer().textContent()).toBe("Answer 0");
  });

  it("A_card_that_cannot_be_shown_says_why_and_can_still_be_rated", async () => {
    const broken = { ...testCard(1), frontHtml: "", backHtml: "", problem: "This card could not be shown (boom)." };
    await showView(page, cardView(server, 1, 2, 1, 9, broken));
    await expect.poll(() => page.locator(".side .problem").textContent()).toBe("This card could not be shown (boom).");
    await page.keyboard.press("Space");
    await page.keyboard.press("3");
    expect((await posted(page)).at(-1)).toMatchObject({ type: "rate", rating: 3 });
  });

  it("The_end_shows_Session_complete_with_the_summary", async () => {
    await showView(page, {
      kind: "complete",
      summary: { reviewed: 9, ratings: { "1": 1, "2": 0, "3": 4, "4": 3, "5": 1 }, durationMs: 134_000 },
      progress: { done: 9, remaining: 0, total: 9 },
      canUndo: true,
    });
    await expect.poll(() => page.locator("h1").textContent()).toBe("Session complete");
    expect(await page.locator("dd.reviewed").textContent()).toBe("9");
    expect(await page.locator("dd.time").textContent()).toBe("2m 14s");
    const counts = await page.locator("table.spread td.count").allTextContents();
    expect(counts).toEqual(["1", "0", "4", "3", "1"]);
    await page.keyboard.press("U");
    expect((await posted(page)).at(-1)).toEqual({ type: "undo" });
  });

  it("Nothing_due_offers_to_study_every_card", async () => {
    await showView(page, { kind: "empty", canStudyAll: true });
    await page.getByRole("button", { name: "Study all cards anyway" }).click();
    expect((await posted(page)).at(-1)).toEqual({ type: "studyAll" });
  });

  it("The_shared_stylesheet_lays_out_the_page_in_the_theme", async () => {
    await showView(page, cardView(server, 1, 0));
    expect(await baseStyle(page)).toEqual({ padding: "0px 24px 32px", lineHeight: "19.5px", colorScheme: "light dark", blockedStyles: [] });
  });

  it("An_error_view_shows_the_message", async () => {
    await showView(page, { kind: "error", message: "Could not start the study session: Unhandled method deck/startReview" });
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Unhandled method deck/startReview");
  });
});

describe("study page: keeps its place", () => {
  it("A_page_reloaded_after_being_hidden_shows_the_same_card_with_the_answer_still_shown", async () => {
    await showView(page, cardView(server, 3, 7, 3));
    await page.keyboard.press("Space");
    await back().waitFor();
    const state = await page.evaluate(() => window.__state);

    const again = await browser.context.newPage();
    try {
      await openStudyPage(again, server, state);
      expect(await again.locator(".side.back hr.answer + p").textContent()).toBe("Answer 3");
      // The extension answers "ready" with the same view: the answer stays; a new step hides it.
      await showView(again, cardView(server, 3, 7, 3));
      expect(await again.locator(".side.back").count()).toBe(1);
      await showView(again, cardView(server, 4, 8, 4));
      await expect.poll(() => again.locator(".side.front").textContent()).toBe("Question 4");
      expect(await again.locator(".side.back").count()).toBe(0);
    } finally {
      await again.close();
    }
  });

  it("An_edited_card_shows_its_new_text_in_place", async () => {
    await showView(page, cardView(server, 0, 1));
    await page.keyboard.press("Space");
    await back().waitFor();
    await showView(page, cardView(server, 0, 1, 0, 9, testCard(0, { backHtml: '<p>Question 0</p><hr class="answer"><p>Answer 0, edited</p>' })));
    await expect.poll(() => answer().textContent()).toBe("Answer 0, edited");
  });
});

describe("study page: rendering", () => {
  it("Renders_Markdown_code_math_and_images_from_the_deck_folder_under_the_CSP", async () => {
    const card = testCard(0, {
      frontHtml:
        '<h2>Gradients</h2><p>What is <span class="math">\\(\\frac{\\partial L}{\\partial h_t}\\)</span>?</p>' +
        '<pre><code class="language-python">print(sum(range(4)))</code></pre>' +
        `<p><img src="${deckFolderUri}diagram.png" alt="diagram"></p>` +
        '<p>and <span class="math">\\[\\sum_t L_t\\]</span> in a paragraph</p>',
      backHtml:
        '<p>Gradients</p><hr class="answer" />' +
        '<div class="math">\\[\\sum_{k=1}^{t} \\frac{\\partial h_t}{\\partial h_k}\\]</div><table><tr><th>a</th></tr><tr><td>1</td></tr></table>',
    });
    await showView(page, cardView(server, 0, 1, 0, 9, card));
    await front().waitFor();
    expect(await page.locator(".side.front .katex").count()).toBe(2);
    // $$…$$ inside a paragraph (Anki's \[…\]) is display math too.
    expect(await page.locator(".side.front .katex-display").count()).toBe(1);
    // KaTeX sizes its boxes through the CSSOM, which the CSP allows; with inline styles blocked they would be empty.
    const sized = page.locator(".side.front .katex-html [style]");
    expect(await sized.count()).toBeGreaterThan(0);
    expect(await sized.first().evaluate((el: HTMLElement) => el.style.length)).toBeGreaterThan(0);
    expect(await page.locator("pre code.language-python").textContent()).toBe("print(sum(range(4)))");
    const image = page.locator('.side.front img[alt="diagram"]');
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(2);
    expect(await image.getAttribute("src")).toBe(`${server.deckBase}diagram.png`);
    await page.keyboard.press("Space");
    await back().waitFor();
    expect(await page.locator(".side.back .katex-display").count()).toBe(1);
    await expect.poll(() => page.evaluate(() => document.fonts.status)).toBe("loaded");
    expect(await page.evaluate(() => window.__violations)).toEqual([]);
  });

  it("Images_outside_the_deck_folder_are_not_loaded", async () => {
    const card = testCard(0, {
      frontHtml:
        `<p><img src="../outside.png" alt="parent"><img src="${server.origin}/outside.png" alt="absolute">` +
        `<img src="https://example.com/x.png" alt="remote"><img src="data:image/png;base64,AAAA" alt="data">` +
        `<img src="file:///home/me/other/x.png" alt="other folder"><img src="${deckFolderUri}../x.png" alt="dot dot">` +
        `<img src="file:///home/me/My%20Decks-2/x.png" alt="prefix"></p>`,
    });
    await showView(page, cardView(server, 0, 1, 0, 9, card));
    await front().waitFor();
    expect(await page.locator(".side.front img").count()).toBe(0);
    expect(await page.locator(".side.front .blocked-image").allTextContents()).toEqual([
      "[image: parent]",
      "[image: absolute]",
      "[image: remote]",
      "[image: data]",
      "[image: other folder]",
      "[image: dot dot]",
      "[image: prefix]",
    ]);
  });

  it("Images_the_server_names_by_file_URI_or_relative_path_load_from_the_deck_folder", async () => {
    const card = testCard(0, { frontHtml: `<p><img src="${deckFolderUri}diagram.png" alt="by file URI"><img src="./diagram.png" alt="relative"></p>` });
    await showView(page, cardView(server, 0, 1, 0, 9, card));
    await front().waitFor();
    const sources = await page.locator(".side.front img").evaluateAll((images: HTMLImageElement[]) => images.map((img) => img.getAttribute("src")));
    expect(sources).toEqual([`${server.deckBase}diagram.png`, `${server.deckBase}diagram.png`]);
    await expect
      .poll(() => page.locator(".side.front img").evaluateAll((images: HTMLImageElement[]) => images.map((img) => img.complete && img.naturalWidth)))
      .toEqual([2, 2]);
  });

  it("A_cloze_card_shows_its_blank_then_the_filled_in_text", async () => {
    const card = testCard(0, {
      frontHtml: '<p><span class="cloze-blank">[which units?]</span> add a cell state and three gates.</p>',
      backHtml: '<p><mark class="cloze">LSTMs</mark> add a cell state and three gates.</p>',
    });
    await showView(page, cardView(server, 0, 1, 0, 9, card));
    await expect.poll(() => page.locator(".side.front .cloze-blank").textContent()).toBe("[which units?]");
    await page.keyboard.press("Space");
    await expect.poll(() => page.locator(".side.back mark.cloze").textContent()).toBe("LSTMs");
    expect(await page.locator(".side.back").textContent()).not.toContain("which units?");
  });

  it("Web_links_go_to_the_extension_and_never_navigate_the_page", async () => {
    const card = testCard(0, { frontHtml: '<p><a href="https://example.com/rnn">web</a> <a href="other.deck.md">file</a> <a href="command:workbench.action.terminal.new">cmd</a></p>' });
    await showView(page, cardView(server, 0, 1, 0, 9, card));
    const url = page.url();
    for (const name of ["web", "file", "cmd"]) {
      await page.getByText(name, { exact: true }).click();
    }
    expect(page.url()).toBe(url);
    expect((await posted(page)).filter((m) => m.type === "openLink")).toEqual([{ type: "openLink", href: "https://example.com/rnn" }]);
  });
});

describe("study page: hostile cards are inert", () => {
  const payloads = [
    '<script>window.__xss = "script"</script>',
    '<img src="x" onerror="window.__xss = \'onerror\'">',
    '<img src="diagram.png" onload="window.__xss = \'onload\'">',
    '<a href="javascript:window.__xss=\'link\'">javascript link</a>',
    '<a href="JaVaScRiPt:window.__xss=\'link2\'">mixed case link</a>',
    '<iframe src="data:text/html,<script>parent.__xss=\'iframe\'</script>"></iframe>',
    '<iframe srcdoc="<script>parent.__xss=\'srcdoc\'</script>"></iframe>',
    '<svg onload="window.__xss=\'svg\'"><script>window.__xss="svgscript"</script></svg>',
    '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=\'mxss\'">',
    '<object data="javascript:window.__xss=\'object\'"></object><embed src="javascript:window.__xss=\'embed\'">',
    '<form action="https://evil.example/"><input name="q"><button>Send</button></form>',
    '<meta http-equiv="refresh" content="0;url=javascript:window.__xss=\'meta\'">',
    '<base href="https://evil.example/">',
    '<div style="background:url(javascript:window.__xss=\'style\')" onclick="window.__xss=\'click\'">click target</div>',
    '<details open ontoggle="window.__xss=\'toggle\'"><summary>s</summary></details>',
    '<p onmouseover="window.__xss=\'hover\'">hover target</p>',
    '<button onclick="window.__xss=\'button\'">inner button</button>',
  ];

  it("Scripts_handlers_frames_and_javascript_links_are_removed_and_nothing_runs", async () => {
    const card = testCard(0, { frontHtml: `<p>Hostile question</p>${payloads.join("\n")}`, backHtml: `<p>Hostile answer</p>${payloads.join("\n")}` });
    const leftovers = () =>
      page.evaluate(() => {
        const card = document.querySelector("section.card")!;
        const dangerous = card.querySelectorAll("script, iframe, object, embed, form, meta, base, style, svg, math, link");
        const handlers = [...card.querySelectorAll("*")].flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name) || a.name === "style"));
        const scriptLinks = [...card.querySelectorAll("[href], [src], [action]")].filter((el) =>
          /^\s*javascript:/i.test(el.getAttribute("href") ?? el.getAttribute("src") ?? el.getAttribute("action") ?? ""),
        );
        return { dangerous: dangerous.length, handlers: handlers.length, scriptLinks: scriptLinks.length };
      });
    await showView(page, cardView(server, 0, 1, 0, 9, card));
    await expect.poll(() => front().textContent()).toContain("Hostile question");
    expect(await leftovers()).toEqual({ dangerous: 0, handlers: 0, scriptLinks: 0 });
    await page.keyboard.press("Space");
    await expect.poll(() => back().textContent()).toContain("Hostile answer");
    expect(await leftovers()).toEqual({ dangerous: 0, handlers: 0, scriptLinks: 0 });

    // Play with what is left: click links, hover, toggle; then check that no payload ran or posted a message.
    for (const name of ["javascript link", "mixed case link", "click target", "hover target", "inner button"]) {
      const target = page.getByText(name, { exact: true }).first();
      if (await target.count()) {
        await target.hover();
        await target.click();
      }
    }
    const image = page.locator('img[src$="diagram.png"]').first();
    await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.complete)).toBe(true);
    expect(await page.evaluate(() => window.__xss)).toBeUndefined();
    expect(new Set((await posted(page)).map((m) => m.type))).toEqual(new Set(["ready"]));
    expect(page.url()).toBe(`${server.origin}/study.html`);
  });

  it("Even_HTML_that_got_past_the_sanitizer_cannot_run_script_under_the_CSP", async () => {
    await showView(page, cardView(server, 0, 1));
    await front().waitFor();
    await page.evaluate(() => {
      const front = document.querySelector(".side.front")!;
      front.innerHTML = '<img src="missing.png" onerror="window.__xss = \'handler\'">';
      const script = document.createElement("script");
      script.textContent = "window.__xss = 'script element'";
      document.body.append(script);
    });
    await expect.poll(() => page.evaluate(() => window.__violations.filter((v) => v.startsWith("script-src")).length)).toBe(2);
    expect(await page.evaluate(() => window.__xss)).toBeUndefined();
  });
});
