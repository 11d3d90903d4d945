import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { type ImportUi, type ProcessResult, ReplaceDeck, ReviewsOnly, defaultOutput, importCommandLine, importDeck, parseImportOutput } from "../../src/importDeck";

const server = { command: "/usr/bin/dotnet", args: ["/ext/server/DeckLsp.Server.dll", "--stdio"] };

function fakeUi(overrides: Partial<ImportUi> = {}) {
  const seen = { opened: [] as string[], info: [] as string[], errors: [] as string[], ran: [] as { command: string; args: string[] }[], asked: [] as string[] };
  const ui: ImportUi = {
    pickSource: async () => "/decks/export.apkg",
    pickOutput: async (suggested) => suggested,
    exists: async () => false,
    choose: async (question) => {
      seen.asked.push(question);
      return undefined;
    },
    run: async (command) => {
      seen.ran.push(command);
      return { code: 0, stdout: '{"deck":"/decks/export.deck.md","title":"T","cards":3,"reviews":7,"notes":[]}\n', stderr: "" };
    },
    open: async (deck) => void seen.opened.push(deck),
    info: (message) => void seen.info.push(message),
    error: (message) => void seen.errors.push(message),
    ...overrides,
  };
  return { ui, seen };
}

describe("importDeck", () => {
  it("Runs_the_server_import_with_the_chosen_files_into_the_decks_history_then_opens_the_deck", async () => {
    const { ui, seen } = fakeUi();

    const deck = await importDeck(server, "repository", ui);

    expect(deck).toBe("/decks/export.deck.md");
    expect(seen.ran).toEqual([
      {
        command: "/usr/bin/dotnet",
        args: ["/ext/server/DeckLsp.Server.dll", "import", "/decks/export.apkg", "-o", "/decks/export.deck.md", "--history", "repository", "--json", "--force"],
      },
    ]);
    expect(seen.opened).toEqual(["/decks/export.deck.md"]);
    expect(seen.info).toEqual(["Imported 3 cards with 7 reviews into export.deck.md."]);
  });

  it("Passes_the_user_history_setting_to_the_import", async () => {
    const { ui, seen } = fakeUi();

    await importDeck(server, "user", ui);

    expect(seen.ran[0]?.args).toContain("--history");
    expect(seen.ran[0]?.args[seen.ran[0].args.indexOf("--history") + 1]).toBe("user");
  });

  it("Cancelling_either_dialog_runs_nothing", async () => {
    for (const cancel of [{ pickSource: async () => undefined }, { pickOutput: async () => undefined }]) {
      const { ui, seen } = fakeUi(cancel);
      expect(await importDeck(server, "user", ui)).toBeUndefined();
      expect(seen.ran).toEqual([]);
      expect(seen.opened).toEqual([]);
    }
  });

  it("A_package_over_an_existing_deck_asks_and_brings_back_only_the_reviews_when_told", async () => {
    const { ui, seen } = fakeUi({
      exists: async (file) => file === "/decks/export.deck.md",
      choose: async (question, choices) => {
        seen.asked.push(question);
        expect(choices).toEqual([ReviewsOnly, ReplaceDeck]);
        return ReviewsOnly;
      },
      run: async (command) => {
        seen.ran.push(command);
        return { code: 0, stdout: '{"deck":"/decks/export.deck.md","reviews":4,"cards":3,"alreadyThere":7,"notes":[]}\n', stderr: "" };
      },
    });

    expect(await importDeck(server, "repository", ui)).toBe("/decks/export.deck.md");

    expect(seen.asked).toHaveLength(1);
    expect(seen.asked[0]).toContain("export.deck.md exists");
    expect(seen.ran[0]?.args.slice(-2)).toEqual(["--json", "--history-only"]);
    expect(seen.ran[0]?.args).not.toContain("--force");
    expect(seen.info).toEqual(["4 reviews from Anki added to export.deck.md; its text is unchanged."]);
  });

  it("A_package_over_an_existing_deck_replaces_it_when_told_and_runs_nothing_when_dismissed", async () => {
    const replace = fakeUi({ exists: async () => true, choose: async () => ReplaceDeck });
    await importDeck(server, "repository", replace.ui);
    expect(replace.seen.ran[0]?.args.slice(-2)).toEqual(["--json", "--force"]);

    const dismissed = fakeUi({ exists: async () => true });
    expect(await importDeck(server, "repository", dismissed.ui)).toBeUndefined();
    expect(dismissed.seen.asked).toHaveLength(1);
    expect(dismissed.seen.ran).toEqual([]);
  });

  it("A_text_export_over_an_existing_deck_is_not_asked_about_reviews", async () => {
    const { ui, seen } = fakeUi({ pickSource: async () => "/decks/cards.tsv", exists: async () => true });

    await importDeck(server, "repository", ui);

    expect(seen.asked).toEqual([]);
    expect(seen.ran[0]?.args).toContain("--force");
  });

  it("A_failed_import_shows_the_servers_message_and_opens_nothing", async () => {
    const failed: ProcessResult = { code: 2, stdout: "", stderr: "decklsp import: /decks/export.apkg: the zip is truncated\n" };
    const { ui, seen } = fakeUi({ run: async () => failed });

    expect(await importDeck(server, "user", ui)).toBeUndefined();

    expect(seen.errors).toEqual(["Import failed: /decks/export.apkg: the zip is truncated"]);
    expect(seen.opened).toEqual([]);
  });

  it("Names_the_deck_after_the_source_beside_it", () => {
    expect(defaultOutput("/a/b/notes.apkg")).toBe("/a/b/notes.deck.md");
    expect(defaultOutput("/a/cards.tsv")).toBe("/a/cards.deck.md");
    expect(importCommandLine({ command: "/x/decklsp", args: ["--stdio"] }, "s", "o", "user")).toEqual({
      command: "/x/decklsp",
      args: ["import", "s", "-o", "o", "--history", "user", "--json", "--force"],
    });
  });

  it("Reads_the_json_line_and_ignores_anything_else", () => {
    expect(parseImportOutput("noise\n{\"deck\":\"/d.deck.md\",\"cards\":2}\n")).toMatchObject({ deck: "/d.deck.md", cards: 2 });
    expect(parseImportOutput("not json")).toBeUndefined();
  });
});

describe("importDeck with the bundled server", () => {
  const folder = mkdtempSync(path.join(tmpdir(), "decklsp-import-"));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  it("Imports_the_seed_export_into_the_nine_RNN_cards", async () => {
    const dll = path.resolve(__dirname, "../../server/DeckLsp.Server.dll");
    const seed = path.resolve(__dirname, "../../../tests/fixtures/interop/000_c95b0af93d31da7a.txt");
    expect(existsSync(dll), "the published server (client/scripts/build.sh)").toBe(true);
    const output = path.join(folder, "rnn.deck.md");
    const { ui, seen } = fakeUi({
      pickSource: async () => seed,
      pickOutput: async () => output,
      run: (command) =>
        new Promise((resolve) =>
          execFile("dotnet", command.args, (error, stdout, stderr) => resolve({ code: error ? 1 : 0, stdout, stderr }))),
    });

    const deck = await importDeck({ command: "dotnet", args: [dll, "--stdio"] }, "repository", ui);

    expect(seen.errors).toEqual([]);
    expect(deck).toBe(output);
    const text = readFileSync(output, "utf8");
    expect(text.match(/^Q: /gm)).toHaveLength(9);
    expect(text).toContain("title: RNN MLM Flashcards");
    expect(seen.info[0]).toMatch(/^Imported 9 cards into rnn\.deck\.md\.$/);
  }, 60_000);
});
