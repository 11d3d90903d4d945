import { beforeEach, describe, expect, it } from "vitest";
import type { Statistics, StatisticsParams } from "../../src/protocol";
import { StatisticsPanel } from "../../src/statistics/statisticsPanel";
import { statisticsTarget } from "../../src/statistics/statisticsTarget";
import { parseFromStatisticsPage } from "../../src/statistics/statisticsMessages";
import { type FakePanel, Uri, ViewColumn, fake } from "./fakes/vscode";

const extensionUri = Uri.file("/ext");

function figures(title: string, reviews = 0): Statistics {
  return {
    scope: "deck", title, decks: 1, cards: 2, new: 2, due: 0, reviews, reviewsToday: 0, today: "2026-03-11",
    calendar: [], forecast: new Array<number>(30).fill(0), retention: [], states: { new: 2, learning: 0, review: 0, relearning: 0 },
  };
}

/** A server whose answers the test releases one by one, recording what was asked. */
class FakeStatisticsServer {
  readonly asked: StatisticsParams[] = [];
  private readonly answers: Array<{ resolve(value: Statistics): void; reject(error: Error): void }> = [];
  fetch = (params: StatisticsParams): Promise<Statistics> => {
    this.asked.push(params);
    return new Promise((resolve, reject) => this.answers.push({ resolve, reject }));
  };
  answer(index: number, value: Statistics | Error): void {
    const pending = this.answers[index];
    if (value instanceof Error) {
      pending.reject(value);
    } else {
      pending.resolve(value);
    }
  }
}

let server: FakeStatisticsServer;

function show(params: StatisticsParams = { uri: "file:///decks/rnn.deck.md" }, title = "rnn"): StatisticsPanel {
  return StatisticsPanel.show({ extensionUri: extensionUri as never, fetch: server.fetch }, params, title);
}

function panel(): FakePanel {
  return fake.panels[0];
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await Promise.resolve();
  }
}

beforeEach(() => {
  StatisticsPanel.active?.dispose();
  fake.reset();
  server = new FakeStatisticsServer();
});

describe("StatisticsPanel", () => {
  it("Opens_with_scripts_on_forms_and_command_links_off_and_files_from_the_extension_only", () => {
    show();
    expect(fake.panels).toHaveLength(1);
    expect(panel().viewType).toBe("decklsp.statisticsPanel");
    expect(panel().title).toBe("Statistics: rnn");
    expect(panel().showOptions).toEqual({ viewColumn: ViewColumn.Active, preserveFocus: false });
    const options = panel().webview.options as { localResourceRoots: Uri[] } & Record<string, unknown>;
    expect([options.enableScripts, options.enableForms, options.enableCommandUris]).toEqual([true, false, false]);
    expect(options.localResourceRoots.map(String)).toEqual(["file:///ext/dist/webview"]);
  });

  it("The_page_is_locked_down_by_its_content_security_policy", () => {
    show();
    const html = panel().webview.html;
    const policy = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? "";
    const nonce = /script-src 'nonce-([A-Za-z0-9]{32})'/.exec(policy)?.[1];
    expect(policy.split("; ")).toEqual([
      "default-src 'none'",
      "style-src https://webview.test",
      `script-src 'nonce-${nonce}'`,
      "form-action 'none'",
      "base-uri 'none'",
    ]);
    // One script, carrying the nonce, from the extension's files; no inline script and nothing remote.
    expect([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0])).toEqual([
      `<script nonce="${nonce}" src="https://webview.test/file/ext/dist/webview/statistics.js">`,
    ]);
    // The stylesheet the pages share, then the page's own, which may override it.
    expect([...html.matchAll(/<link rel="stylesheet" href="([^"]*)">/g)].map((m) => m[1])).toEqual([
      "https://webview.test/file/ext/dist/webview/base.css",
      "https://webview.test/file/ext/dist/webview/statistics.css",
    ]);
    expect(html).not.toMatch(/https?:\/\/(?!webview\.test)/);
  });

  it("Fetches_when_the_page_is_ready_and_posts_the_figures_titling_the_panel_with_them", async () => {
    show();
    expect(server.asked).toEqual([]); // nothing is posted before the page listens
    void panel().webview.fromPage({ type: "ready" });
    expect(server.asked).toEqual([{ uri: "file:///decks/rnn.deck.md" }]);
    server.answer(0, figures("RNN MLM Flashcards", 4));
    await settle();
    expect(panel().webview.posted).toEqual([{ type: "statistics", statistics: figures("RNN MLM Flashcards", 4) }]);
    expect(panel().title).toBe("Statistics: RNN MLM Flashcards");
  });

  it("Refresh_from_the_page_or_a_rating_fetches_again", async () => {
    const view = show();
    void panel().webview.fromPage({ type: "refresh" });
    void view.refresh();
    expect(server.asked).toHaveLength(2);
  });

  it("A_failed_request_is_shown_as_an_error_on_the_page", async () => {
    show();
    void panel().webview.fromPage({ type: "ready" });
    server.answer(0, new Error("no deck or folder at file:///gone"));
    await settle();
    expect(panel().webview.posted).toEqual([{ type: "error", message: "The statistics could not be read: no deck or folder at file:///gone" }]);
  });

  it("Showing_another_scope_reuses_the_panel_and_only_the_latest_answer_is_drawn", async () => {
    show();
    void panel().webview.fromPage({ type: "ready" });
    show({}, "Workspace");
    expect(fake.panels).toHaveLength(1);
    expect(panel().revealed).toBe(1);
    expect(panel().title).toBe("Statistics: Workspace");
    expect(server.asked).toEqual([{ uri: "file:///decks/rnn.deck.md" }, {}]);
    server.answer(1, { ...figures("Workspace", 9), scope: "workspace" });
    server.answer(0, figures("RNN MLM Flashcards")); // late: the deck's answer must not replace the workspace's
    await settle();
    expect(panel().webview.posted).toEqual([{ type: "statistics", statistics: { ...figures("Workspace", 9), scope: "workspace" } }]);
    expect(panel().title).toBe("Statistics: Workspace");
  });

  it("Ignores_messages_that_are_not_ready_or_refresh", async () => {
    show();
    for (const message of [null, "ready", { type: "rate", rating: 3 }, { type: "openLink", href: "https://x" }]) {
      await panel().webview.fromPage(message);
    }
    expect(server.asked).toEqual([]);
    expect(parseFromStatisticsPage({ type: "refresh", extra: "<script>" })).toEqual({ type: "refresh" });
  });

  it("Closing_the_panel_forgets_it_and_the_next_show_opens_a_new_one", () => {
    show();
    panel().dispose();
    expect(StatisticsPanel.active).toBeUndefined();
    show();
    expect(fake.panels).toHaveLength(2);
  });
});

describe("statisticsTarget", () => {
  const asServerUri = (uri: Uri) => uri.toString();

  it("Names_a_deck_by_its_file_a_folder_by_its_name_and_no_uri_the_workspace", () => {
    expect(statisticsTarget(Uri.file("/notes/bio/cells.deck.md"), asServerUri)).toEqual({ params: { uri: "file:///notes/bio/cells.deck.md" }, title: "cells" });
    expect(statisticsTarget(Uri.file("/notes/bio"), asServerUri)).toEqual({ params: { uri: "file:///notes/bio" }, title: "bio" });
    expect(statisticsTarget(undefined, asServerUri)).toEqual({ params: {}, title: "Workspace" });
  });
});
