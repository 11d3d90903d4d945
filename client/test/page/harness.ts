// Serves the built study page the way the extension does (the same HTML shell, CSP and bundled files) from a local
// origin, with a fake `acquireVsCodeApi` recording what the page posts and saves. Tests play the extension's side by
// posting the messages it would.
import { createServer, type Server } from "node:http";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { extname, join, normalize } from "node:path";
import type { Page } from "playwright-core";
import type { FromPanel, PanelView, ToPanel } from "../../src/study/messages";
import { studyPageHtml } from "../../src/study/studyHtml";
import type { ReviewCard } from "../../src/protocol";

const webviewDist = new URL("../../dist/webview/", import.meta.url).pathname;

// A 2×2 PNG for the deck-folder image.
const png = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==",
  "base64",
);

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".woff2": "font/woff2",
  ".png": "image/png",
};

export interface PageServer {
  origin: string;
  /** The deck folder's address, as the extension's baseUri. */
  deckBase: string;
  close(): Promise<void>;
}

export async function startPageServer(): Promise<PageServer> {
  if (!existsSync(join(webviewDist, "study.js"))) {
    throw new Error(`Build the client first (node esbuild.mjs): ${webviewDist}study.js is missing`);
  }
  const decks = mkdtempSync(join(tmpdir(), "decklsp-page-"));
  writeFileSync(join(decks, "diagram.png"), png);
  writeFileSync(join(tmpdir(), "outside.png"), png);
  let origin = "";
  const server: Server = createServer((request, response) => {
    const url = new URL(request.url ?? "/", origin);
    let file: string | undefined;
    if (url.pathname === "/study.html") {
      const html = studyPageHtml({
        cspSource: origin,
        scriptUri: `${origin}/ext/study.js`,
        styleUri: `${origin}/ext/study.css`,
        katexStyleUri: `${origin}/ext/katex/katex.min.css`,
        nonce: "TestNonce0123456789abcdefghijklm",
      });
      response.writeHead(200, { "content-type": types[".html"] }).end(html);
      return;
    }
    if (url.pathname.startsWith("/ext/")) {
      file = join(webviewDist, normalize(decodeURIComponent(url.pathname.slice(5))));
    } else if (url.pathname.startsWith("/deck/")) {
      file = join(decks, normalize(decodeURIComponent(url.pathname.slice(6))));
    } else if (url.pathname === "/outside.png") {
      file = join(tmpdir(), "outside.png");
    }
    if (file && existsSync(file)) {
      response.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, deckBase: `${origin}/deck/`, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

declare global {
  interface Window {
    __posted: FromPanel[];
    __state: unknown;
    __violations: string[];
    __xss: unknown;
  }
}

/** Opens the page with the fake VS Code API; `state` is what getState returns, as after the panel was hidden. */
export async function openStudyPage(page: Page, server: PageServer, state?: unknown): Promise<void> {
  await page.addInitScript((initial) => {
    window.__posted = [];
    window.__state = initial ?? undefined;
    window.__violations = [];
    document.addEventListener("securitypolicyviolation", (event) => {
      window.__violations.push(`${event.effectiveDirective} ${event.blockedURI}`);
    });
    let acquired = false;
    (window as unknown as { acquireVsCodeApi: () => unknown }).acquireVsCodeApi = () => {
      if (acquired) {
        throw new Error("acquireVsCodeApi may only be called once");
      }
      acquired = true;
      return {
        postMessage: (message: FromPanel) => window.__posted.push(JSON.parse(JSON.stringify(message))),
        getState: () => window.__state,
        setState: (value: unknown) => {
          window.__state = JSON.parse(JSON.stringify(value));
        },
      };
    };
  }, state ?? null);
  await page.goto(`${server.origin}/study.html`);
  await page.waitForFunction(() => window.__posted.some((m) => m.type === "ready"));
}

/** Plays the extension: posts a message to the page. */
export async function fromExtension(page: Page, message: ToPanel): Promise<void> {
  await page.evaluate((m) => window.postMessage(m, "*"), message);
}

export async function showView(page: Page, view: PanelView): Promise<void> {
  await fromExtension(page, { type: "view", view });
}

export function posted(page: Page): Promise<FromPanel[]> {
  return page.evaluate(() => window.__posted);
}

/** The deck folder as the server names it. */
export const deckFolderUri = "file:///home/me/My%20Decks/";

/** A basic card as the server renders it: the back holds the question, a rule and the answer. */
export function testCard(index: number, overrides: Partial<ReviewCard> = {}): ReviewCard {
  return {
    cardId: `card-${index}`,
    uri: "file:///decks/rnn.deck.md",
    range: { start: { line: index * 4, character: 0 }, end: { line: index * 4 + 2, character: 0 } },
    frontHtml: `<p>Question ${index}</p>`,
    backHtml: `<p>Question ${index}</p>\n<hr class="answer" />\n<p>Answer ${index}</p>`,
    intervals: ["1m", "10m", "2d", "5d", "2w"],
    ...overrides,
  };
}

export function cardView(server: PageServer, index: number, step: number, done = index, total = 9, card = testCard(index)): PanelView {
  return {
    kind: "card",
    card,
    progress: { done, remaining: total - done, total },
    baseUri: server.deckBase,
    folderUri: deckFolderUri,
    step,
    canUndo: done > 0,
  };
}
