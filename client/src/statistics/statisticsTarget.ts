// What "Show Statistics" covers: a deck or a folder clicked in the explorer (or the deck in the editor), else the
// workspace; and the name the panel shows until the server's figures, with their own title, arrive.
import * as path from "node:path";
import type { StatisticsParams } from "../protocol";

export interface StatisticsTarget {
  params: StatisticsParams;
  title: string;
}

/** `uri` is a deck's or a folder's, or none for the workspace; `asServerUri` converts it as the language client does. */
export function statisticsTarget<U extends { path: string }>(uri: U | undefined, asServerUri: (uri: U) => string): StatisticsTarget {
  if (!uri) {
    return { params: {}, title: "Workspace" };
  }
  const name = path.posix.basename(uri.path);
  return { params: { uri: asServerUri(uri) }, title: name.endsWith(".deck.md") ? name.slice(0, -".deck.md".length) : name };
}
