// The arguments of `decklsp.study`, as the server's code lenses send them, checked before use.
import type { ReviewScope, StartReviewParams } from "../protocol";

const scopes: readonly ReviewScope[] = ["deck", "section", "card", "workspace"];

/**
 * Reads `[{ uri, scope, line }]` (or the object alone) into start-review parameters; undefined when the arguments do
 * not describe a study (a lens from an older server, a palette call without arguments).
 */
export function parseStudyArguments(args: readonly unknown[]): StartReviewParams | undefined {
  const first = args[0];
  if (typeof first !== "object" || first === null) {
    return undefined;
  }
  const value = first as Record<string, unknown>;
  const scope = value.scope;
  if (typeof scope !== "string" || !(scopes as readonly string[]).includes(scope)) {
    return undefined;
  }
  const params: StartReviewParams = { scope: scope as ReviewScope };
  if (scope !== "workspace") {
    if (typeof value.uri !== "string" || value.uri.length === 0) {
      return undefined;
    }
    params.uri = value.uri;
  }
  if (scope === "section" || scope === "card") {
    if (!isLine(value.line)) {
      return undefined;
    }
    params.line = value.line;
  } else if (isLine(value.line)) {
    params.line = value.line;
  }
  if (value.mode === "due" || value.mode === "all") {
    params.mode = value.mode;
  }
  return params;
}

/** The parameters for a palette command run in a deck editor: the deck, or the section or card at the cursor. */
export function studyAtCursor(scope: ReviewScope, uri: string, line: number): StartReviewParams {
  return scope === "deck" ? { uri, scope } : { uri, scope, line };
}

/** Whether a file name is a deck's. */
export function isDeckPath(path: string): boolean {
  return path.toLowerCase().endsWith(".deck.md");
}

/** The panel's title for a session: the deck's file name without `.deck.md`, or "due cards" for the workspace. */
export function studyTitle(params: StartReviewParams): string {
  if (params.scope === "workspace" || params.uri === undefined) {
    return "Study: due cards";
  }
  const name = decodeURIComponent(params.uri.split(/[/\\]/).pop() ?? "");
  return `Study: ${name.replace(/\.deck\.md$/i, "")}`;
}

function isLine(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}
