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
  /** Whether a file is there already (the deck an Anki package may come back to). */
  exists(file: string): Promise<boolean>;
  /** A modal question with its choices; undefined when dismissed. */
  choose(question: string, choices: string[]): Promise<string | undefined>;
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
export function importCommandLine(server: ServerCommand, source: string, output: string, history: HistoryPlace, reviewsOnly = false): ServerCommand {
  const base = server.args.filter((arg) => arg !== "--stdio");
  const mode = reviewsOnly ? "--history-only" : "--force";
  return { command: server.command, args: [...base, "import", source, "-o", output, "--history", history, "--json", mode] };
}

/** The choices offered when an Anki package is imported over a deck that exists. */
export const ReviewsOnly = "Bring back the reviews only";
export const ReplaceDeck = "Replace the deck with the package";

/** Anki's packages and collection backups, which may be a deck of ours coming back with reviews made in Anki. */
export function isAnkiPackage(source: string): boolean {
  return /\.(apkg|colpkg)$/i.test(source);
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
  // A package over a deck that exists is most often that deck coming back from Anki: its reviews are wanted, and the
  // deck's own text (prose, comments, ids) should stay as written unless the user says otherwise.
  let reviewsOnly = false;
  if (isAnkiPackage(source) && (await ui.exists(output))) {
    const choice = await ui.choose(
      `${path.basename(output)} exists. Bring back only the reviews made in Anki (the deck's text stays as it is), or replace the deck with the package's text?`,
      [ReviewsOnly, ReplaceDeck],
    );
    if (!choice) {
      return undefined;
    }
    reviewsOnly = choice === ReviewsOnly;
  }
  const result = await ui.run(importCommandLine(server, source, output, history, reviewsOnly));
  if (result.code !== 0) {
    const message = result.stderr.trim() || `the import exited with code ${result.code}`;
    ui.error(`Import failed: ${message.replace(/^decklsp import: /, "")}`);
    return undefined;
  }
  const imported = parseImportOutput(result.stdout);
  const deck = imported?.deck ?? output;
  await ui.open(deck);
  if (reviewsOnly) {
    const count = imported?.reviews ?? 0;
    ui.info(`${count} review${count === 1 ? "" : "s"} from Anki added to ${path.basename(deck)}; its text is unchanged.`);
    return deck;
  }
  const reviews = imported && imported.reviews > 0 ? ` with ${imported.reviews} reviews` : "";
  ui.info(`Imported ${imported?.cards ?? "the"} cards${reviews} into ${path.basename(deck)}.`);
  return deck;
}
