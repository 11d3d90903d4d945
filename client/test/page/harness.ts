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
import { statisticsPageHtml } from "../../src/statistics/statisticsHtml";
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
        baseStyleUri: `${origin}/ext/base.css`,
        katexStyleUri: `${origin}/ext/katex/katex.min.css`,
        nonce: "TestNonce0123456789abcdefghijklm",
      });
      response.writeHead(200, { "content-type": types[".html"] }).end(html);
      return;
    }
    if (url.pathname === "/statistics.html") {
      const html = statisticsPageHtml({
        cspSource: origin,
        scriptUri: `${origin}/ext/statistics.js`,
        styleUri: `${origin}/ext/statistics.css`,
        baseStyleUri: `${origin}/ext/base.css`,
        nonce: "TestNonce0123456789abcdefghijklm",
      });
      response.writeHead(200, { "content-type": types[".html"] }).end(html);
      return;
    }
    const theme = /^\/theme\/(dark|light)\.css$/.exec(url.pathname)?.[1] as Theme | undefined;
    if (theme) {
      response.writeHead(200, { "content-type": types[".css"] }).end(themes[theme]);
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
  await openPage(page, `${server.origin}/study.html`, state);
}

/** Opens the statistics page the same way. */
export async function openStatisticsPage(page: Page, server: PageServer, state?: unknown): Promise<void> {
  await openPage(page, `${server.origin}/statistics.html`, state);
}

export type Theme = "dark" | "light";

/**
 * Some of the variables VS Code's Dark Modern and Light Modern themes set on a webview, served as a stylesheet of the
 * page's origin (an inline style would break the page's CSP): for pages that should look as they do in VS Code.
 */
const themes: Record<Theme, string> = {
  dark: `body {
  --vscode-foreground: #cccccc; --vscode-descriptionForeground: #9d9d9d; --vscode-editor-background: #1f1f1f;
  --vscode-editorWidget-background: #2b2b2b; --vscode-editorWidget-border: #454545; --vscode-errorForeground: #f85149;
  --vscode-charts-blue: #3794ff; --vscode-charts-green: #89d185; --vscode-charts-red: #f14c4c; --vscode-charts-orange: #d18616;
  --vscode-charts-yellow: #cca700; --vscode-charts-purple: #b180d7; --vscode-button-secondaryForeground: #cccccc;
  --vscode-button-secondaryBackground: #313131; --vscode-font-family: system-ui, "Ubuntu", "Droid Sans", sans-serif; --vscode-font-size: 13px;
}
`,
  light: `body {
  --vscode-foreground: #3b3b3b; --vscode-descriptionForeground: #3b3b3b; --vscode-editor-background: #ffffff;
  --vscode-editorWidget-background: #f8f8f8; --vscode-editorWidget-border: #c8c8c8; --vscode-errorForeground: #f85149;
  --vscode-charts-blue: #1a85ff; --vscode-charts-green: #388a34; --vscode-charts-red: #e51400; --vscode-charts-orange: #d18616;
  --vscode-charts-yellow: #bf8803; --vscode-charts-purple: #652d90; --vscode-button-secondaryForeground: #3b3b3b;
  --vscode-button-secondaryBackground: #e5e5e5; --vscode-font-family: system-ui, "Ubuntu", "Droid Sans", sans-serif; --vscode-font-size: 13px;
}
`,
};

/** Gives the page a VS Code theme's variables (see themes). */
export async function useTheme(page: Page, server: PageServer, theme: Theme): Promise<void> {
  await page.addStyleTag({ url: `${server.origin}/theme/${theme}.css` });
}

async function openPage(page: Page, address: string, state?: unknown): Promise<void> {
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
  await page.goto(address);
  await page.waitForFunction(() => window.__posted.some((m) => m.type === "ready"));
}

/** Plays the extension: posts a message to the page. */
/** What only the shared stylesheet (base.css) sets, as the page computes it, and the page's blocked stylesheets. */
export function baseStyle(page: Page): Promise<{ padding: string; lineHeight: string; colorScheme: string; blockedStyles: string[] }> {
  return page.evaluate(() => {
    const body = getComputedStyle(document.body);
    return {
      padding: body.padding,
      lineHeight: body.lineHeight,
      colorScheme: getComputedStyle(document.documentElement).colorScheme,
      blockedStyles: window.__violations.filter((v) => v.startsWith("style-src")),
    };
  });
}

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
