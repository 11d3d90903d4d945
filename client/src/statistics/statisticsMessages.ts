// The messages between the statistics page and the extension: the figures go in, two small requests come out.
import type { Statistics } from "../protocol";

/** Extension → page. */
export type ToStatisticsPage =
  | { type: "statistics"; statistics: Statistics }
  | { type: "error"; message: string };

/** Page → extension: the page is ready to draw (after loading or being shown again), or wants fresh figures. */
export type FromStatisticsPage = { type: "ready" } | { type: "refresh" };

/** Checks a message from the page before acting on it: the page is less trusted than the extension. */
export function parseFromStatisticsPage(message: unknown): FromStatisticsPage | undefined {
  if (typeof message !== "object" || message === null) {
    return undefined;
  }
  const type = (message as Record<string, unknown>).type;
  return type === "ready" || type === "refresh" ? { type } : undefined;
}
