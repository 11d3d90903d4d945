// The messages between the study panel's page and the extension: small typed objects, nothing else crosses.
import type { Progress, Rating, ReviewCard, Summary } from "../protocol";

/** The card on screen. `step` grows with every card served, so a reloaded page can tell it still shows the same one. */
export interface CardView {
  kind: "card";
  card: ReviewCard;
  progress: Progress;
  /** The webview URI of the card's folder, ending in "/": the page loads the deck's images from under it. */
  baseUri: string;
  /** The same folder as the server names it (a file: URI ending in "/"): image URIs under it map onto baseUri. */
  folderUri: string;
  step: number;
  canUndo: boolean;
}

export interface CompleteView {
  kind: "complete";
  summary: Summary;
  progress: Progress;
  canUndo: boolean;
}

/** The session had no card to show (nothing due); `canStudyAll` offers to study every card instead. */
export interface EmptyView {
  kind: "empty";
  canStudyAll: boolean;
}

export interface LoadingView {
  kind: "loading";
}

export interface ErrorView {
  kind: "error";
  message: string;
}

export type PanelView = CardView | CompleteView | EmptyView | LoadingView | ErrorView;

/** Extension → page. */
export type ToPanel =
  | { type: "view"; view: PanelView }
  /** A request failed but the view stands (e.g. undo with nothing to undo). */
  | { type: "notice"; message: string };

/** Page → extension. */
export type FromPanel =
  | { type: "ready" }
  | { type: "rate"; rating: Rating; durationMs: number }
  | { type: "undo" }
  | { type: "edit" }
  | { type: "studyAll" }
  | { type: "openLink"; href: string };

export function isRating(value: unknown): value is Rating {
  return value === 1 || value === 2 || value === 3 || value === 4 || value === 5;
}

/** Checks a message from the page before acting on it: the page is less trusted than the extension. */
export function parseFromPanel(message: unknown): FromPanel | undefined {
  if (typeof message !== "object" || message === null) {
    return undefined;
  }
  const m = message as Record<string, unknown>;
  switch (m.type) {
    case "ready":
    case "undo":
    case "edit":
    case "studyAll":
      return { type: m.type };
    case "rate":
      if (!isRating(m.rating)) {
        return undefined;
      }
      return {
        type: "rate",
        rating: m.rating,
        durationMs: typeof m.durationMs === "number" && Number.isFinite(m.durationMs) && m.durationMs >= 0 ? Math.round(m.durationMs) : 0,
      };
    case "openLink":
      return typeof m.href === "string" ? { type: "openLink", href: m.href } : undefined;
    default:
      return undefined;
  }
}

/** Only web links leave the panel, and only through the extension. */
export function isWebLink(href: string): boolean {
  try {
    const url = new URL(href);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}
