import { beforeEach, describe, expect, it } from "vitest";
import { StudyPanel } from "../../src/study/studyPanel";
import { FakeReviewServer, card } from "./fakes/reviewServer";
import { type FakePanel, Uri, ViewColumn, fake, window, workspace } from "./fakes/vscode";

const extensionUri = Uri.file("/ext");
const deck = "file:///decks/rnn.deck.md";
let server: FakeReviewServer;
let ratingsChanged = 0;

function open(params = { uri: deck, scope: "deck" as const }) {
  return StudyPanel.open({ extensionUri: extensionUri as never, api: server, ratingsChanged: () => ratingsChanged++ }, params);
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await Promise.resolve();
  }
}

function panel(): FakePanel {
  return fake.panels[0];
}

beforeEach(() => {
  StudyPanel.active?.dispose();
  fake.reset();
  server = new FakeReviewServer([card(0), card(1)]);
  ratingsChanged = 0;
});

describe("StudyPanel", () => {
  it("Opens_beside_the_editor_with_scripts_on_forms_off_and_files_from_the_extension_and_deck_folder_only", () => {
    open();
    expect(fake.panels).toHaveLength(1);
    expect(panel().showOptions).toEqual({ viewColumn: ViewColumn.Beside, preserveFocus: false });
    expect(panel().title).toBe("Study: rnn");
    const options = panel().webview.options as { localResourceRoots: Uri[] } & Record<string, unknown>;
    expect(options.enableScripts).toBe(true);
    expect(options.enableForms).toBe(false);
    expect(options.enableCommandUris).toBe(false);
    expect(options.localResourceRoots.map(String)).toEqual(["file:///ext/dist/webview", "file:///decks"]);
  });

  it("Studying_the_workspace_allows_files_from_the_workspace_folders", () => {
    workspace.workspaceFolders = [{ uri: Uri.file("/work/notes"), name: "notes", index: 0 }];
    open({ scope: "workspace" } as never);
    const options = panel().webview.options as { localResourceRoots: Uri[] };
    expect(options.localResourceRoots.map(String)).toEqual(["file:///ext/dist/webview", "file:///work/notes"]);
  });

  it("The_page_is_locked_down_by_its_content_security_policy", () => {
    open();
    const html = panel().webview.html;
    const policy = /http-equiv="Content-Security-Policy" content="([^"]*)"/.exec(html)?.[1] ?? "";
    const nonce = /script-src 'nonce-([A-Za-z0-9]{32})'/.exec(policy)?.[1];
    expect(policy).toContain("default-src 'none'");
    expect(policy).toContain("img-src https://webview.test;");
    expect(policy).toContain("style-src https://webview.test;");
    expect(policy).not.toContain("unsafe-inline");
    expect(policy).not.toContain("unsafe-eval");
    expect(nonce).toBeDefined();
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
    expect(scripts).toEqual([`<script nonce="${nonce}" src="https://webview.test/file/ext/dist/webview/study.js">`]);
    expect(html).not.toMatch(/\son[a-z]+=/i);
  });

  it("The_page_links_the_shared_stylesheet_before_its_own_all_from_the_extension", () => {
    open();
    const sheets = [...panel().webview.html.matchAll(/<link rel="stylesheet" href="([^"]*)">/g)].map((m) => m[1]);
    expect(sheets).toEqual([
      "https://webview.test/file/ext/dist/webview/base.css",
      "https://webview.test/file/ext/dist/webview/katex/katex.min.css",
      "https://webview.test/file/ext/dist/webview/study.css",
    ]);
  });

  it("Every_page_gets_a_new_nonce", () => {
    open();
    const first = panel().webview.html;
    StudyPanel.active?.dispose();
    open();
    expect(fake.panels[1].webview.html).not.toBe(first);
  });

  it("Shows_the_first_card_once_the_server_answers", async () => {
    open();
    await settle();
    expect(panel().webview.posted.at(-1)).toMatchObject({
      type: "view",
      view: { kind: "card", card: { cardId: "card-0" }, baseUri: "https://webview.test/file/decks/" },
    });
  });

  it("A_second_study_click_reuses_the_open_panel_and_starts_a_new_session", async () => {
    open();
    await settle();
    open({ uri: "file:///other/bio.deck.md", scope: "deck" });
    await settle();
    expect(fake.panels).toHaveLength(1);
    expect(panel().revealed).toBe(1);
    expect(panel().title).toBe("Study: bio");
    expect(server.callsTo("startReview")).toHaveLength(2);
    expect(server.callsTo("endReview")).toEqual([{ sessionId: "session-1" }]);
    const options = panel().webview.options as { localResourceRoots: Uri[] };
    expect(options.localResourceRoots.map(String)).toContain("file:///other");
  });

  it("Messages_from_the_page_drive_the_session", async () => {
    open();
    await settle();
    await panel().webview.fromPage({ type: "rate", rating: 4, durationMs: 900 });
    expect(server.callsTo("rate")).toEqual([{ sessionId: "session-1", rating: 4, durationMs: 900 }]);
    expect(ratingsChanged).toBe(1);
    await panel().webview.fromPage({ type: "undo" });
    expect(server.callsTo("undo")).toHaveLength(1);
  });

  it("Malformed_messages_are_ignored", async () => {
    open();
    await settle();
    await panel().webview.fromPage({ type: "rate", rating: 9 });
    await panel().webview.fromPage({ type: "runCommand", command: "workbench.action.terminal.new" });
    expect(server.callsTo("rate")).toEqual([]);
  });

  it("Edit_card_opens_the_deck_in_the_editor_it_was_studied_from_with_the_cursor_on_the_card", async () => {
    window.activeTextEditor = window.editorFor(Uri.parse(deck), ViewColumn.Two) as never;
    open();
    await settle();
    await panel().webview.fromPage({ type: "edit" });
    expect(fake.shownDocuments).toHaveLength(1);
    const shown = fake.shownDocuments[0];
    expect(shown.uri.toString()).toBe(deck);
    expect(shown.options.viewColumn).toBe(ViewColumn.Two);
    expect(shown.options.selection).toEqual({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } });
    expect(fake.revealedRanges).toHaveLength(1);
  });

  it("Edit_card_uses_the_editor_already_showing_the_deck", async () => {
    open();
    await settle();
    await panel().webview.fromPage({ type: "rate", rating: 3, durationMs: 1 });
    window.visibleTextEditors = [window.editorFor(Uri.parse(deck), ViewColumn.Three) as never];
    await panel().webview.fromPage({ type: "edit" });
    expect(fake.shownDocuments[0].options.viewColumn).toBe(ViewColumn.Three);
    expect(fake.shownDocuments[0].options.selection).toEqual({ start: { line: 4, character: 0 }, end: { line: 4, character: 0 } });
  });

  it("Only_web_links_are_opened_outside", async () => {
    open();
    await settle();
    for (const href of ["https://example.com/a", "javascript:alert(1)", "command:workbench.action.terminal.new", "file:///etc/passwd"]) {
      await panel().webview.fromPage({ type: "openLink", href });
    }
    expect(fake.openedExternally).toEqual(["https://example.com/a"]);
  });

  it("Closing_the_panel_ends_the_session_and_the_next_study_opens_a_new_panel", async () => {
    open();
    await settle();
    panel().dispose();
    expect(server.callsTo("endReview")).toEqual([{ sessionId: "session-1" }]);
    expect(StudyPanel.active).toBeUndefined();
    open();
    expect(fake.panels).toHaveLength(2);
  });

  it("Card_changed_reaches_the_page", async () => {
    open();
    await settle();
    StudyPanel.active?.cardChanged("session-1", { ...card(0), frontHtml: "<p>edited</p>" });
    expect(panel().webview.posted.at(-1)).toMatchObject({ type: "view", view: { card: { frontHtml: "<p>edited</p>" } } });
  });
});
