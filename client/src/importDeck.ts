// "Decks: Import…": runs the server executable's `import` command on a file the user picks, writing the deck where they
// choose and the file's review history into the same database the server uses, then opens the new deck.
import * as path from "node:path";
import type { ServerCommand } from "./server/serverCommand";

/** What `decklsp import --json` prints on success. */
export interface ImportResult {
  deck: string;
  title: string;
  cards: number;
  reviews: number;
  notes: string[];
}

export interface ProcessResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** What the import needs from VS Code, passed in so the flow can be tested without it. */
export interface ImportUi {
  pickSource(): Promise<string | undefined>;
  pickOutput(suggested: string): Promise<string | undefined>;
  run(command: ServerCommand): Promise<ProcessResult>;
  open(deck: string): Promise<void>;
  info(message: string): void;
  error(message: string): void;
}

/** Where review history is kept: the `decklsp.history` setting. */
export type HistoryPlace = "repository" | "user";

/**
 * The server's command with `--stdio` replaced by the import's arguments: an imported history goes where the server
 * keeps the deck's (its repository's, or the per-user database). The save dialog already asked about replacing.
 */
export function importCommandLine(server: ServerCommand, source: string, output: string, history: HistoryPlace): ServerCommand {
  const base = server.args.filter((arg) => arg !== "--stdio");
  return { command: server.command, args: [...base, "import", source, "-o", output, "--history", history, "--json", "--force"] };
}

/** `notes.apkg` → `notes.deck.md`, beside it. */
export function defaultOutput(source: string): string {
  const parsed = path.parse(source);
  return path.join(parsed.dir, `${parsed.name.replace(/\.deck$/, "")}.deck.md`);
}

export function parseImportOutput(stdout: string): ImportResult | undefined {
  const line = stdout.split("\n").find((text) => text.trimStart().startsWith("{"));
  if (!line) {
    return undefined;
  }
  try {
    const parsed = JSON.parse(line) as Partial<ImportResult>;
    return typeof parsed.deck === "string" ? { title: "", cards: 0, reviews: 0, notes: [], ...parsed, deck: parsed.deck } : undefined;
  } catch {
    return undefined;
  }
}

/** Runs the import; returns the new deck's path, or undefined when cancelled or failed (the user was told why). */
export async function importDeck(server: ServerCommand, history: HistoryPlace, ui: ImportUi): Promise<string | undefined> {
  const source = await ui.pickSource();
  if (!source) {
    return undefined;
  }
  const output = await ui.pickOutput(defaultOutput(source));
  if (!output) {
    return undefined;
  }
  const result = await ui.run(importCommandLine(server, source, output, history));
  if (result.code !== 0) {
    const message = result.stderr.trim() || `the import exited with code ${result.code}`;
    ui.error(`Import failed: ${message.replace(/^decklsp import: /, "")}`);
    return undefined;
  }
  const imported = parseImportOutput(result.stdout);
  const deck = imported?.deck ?? output;
  await ui.open(deck);
  const reviews = imported && imported.reviews > 0 ? ` with ${imported.reviews} reviews` : "";
  ui.info(`Imported ${imported?.cards ?? "the"} cards${reviews} into ${path.basename(deck)}.`);
  return deck;
}
