// The arguments of `decklsp.study`, as the server's code lenses send them, checked before use.
import type { ReviewMode, ReviewScope, StartReviewParams } from "../protocol";

const scopes: readonly ReviewScope[] = ["deck", "section", "card", "workspace"];
const modes: readonly ReviewMode[] = ["due", "all", "cram"];

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
  if (typeof value.mode === "string" && (modes as readonly string[]).includes(value.mode)) {
    params.mode = value.mode as ReviewMode;
  }
  if (Array.isArray(value.tags) && value.tags.length > 0 && value.tags.every((t) => typeof t === "string" && t.length > 0)) {
    params.tags = value.tags as string[];
  }
  return params;
}

/** Tags as typed in an input box: separated by commas or spaces, a leading # dropped; empty when none. */
export function parseTags(typed: string): string[] {
  return typed
    .split(/[\s,]+/)
    .map((t) => t.replace(/^#/, ""))
    .filter((t) => t.length > 0);
}

/** The parameters for a palette command run in a deck editor: the deck, or the section or card at the cursor. */
export function studyAtCursor(scope: ReviewScope, uri: string, line: number, mode?: ReviewMode): StartReviewParams {
  const params: StartReviewParams = scope === "deck" ? { uri, scope } : { uri, scope, line };
  if (mode) {
    params.mode = mode;
  }
  return params;
}

/** Whether a file name is a deck's. */
export function isDeckPath(path: string): boolean {
  return path.toLowerCase().endsWith(".deck.md");
}

/** The panel's title for a session: the deck's file name without `.deck.md`, or "due cards" for the workspace. */
export function studyTitle(params: StartReviewParams): string {
  const verb = params.mode === "cram" ? "Cram" : "Study";
  const tags = params.tags?.length ? ` #${params.tags.join(" #")}` : "";
  if (params.scope === "workspace" || params.uri === undefined) {
    return `${verb}: ${params.mode === "cram" || tags ? "workspace" : "due cards"}${tags}`;
  }
  const name = decodeURIComponent(params.uri.split(/[/\\]/).pop() ?? "");
  return `${verb}: ${name.replace(/\.deck\.md$/i, "")}${tags}`;
}

function isLine(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}
