// code-server 4.100.3 (VS Code 1.100.3 in the browser) with the packaged extension installed, opened on a copy of
// samples/, plus the helpers the end-to-end test drives it with.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Frame, Page } from "playwright-core";

const repo = resolve(new URL("../../..", import.meta.url).pathname);
export const codeServerDir = process.env.CODE_SERVER_DIR ?? join(repo, ".tools/code-server");
// The platform-specific package with the native server, as a user on this machine (linux-x64) installs it.
export const vsixPath = process.env.DECKLSP_VSIX ?? join(repo, "client/decklsp-linux-x64.vsix");
const entry = join(codeServerDir, "node_modules/code-server/out/node/entry.js");

export interface CodeServer {
  url: string;
  workspace: string;
  userData: string;
  /** Where code-server installed the extension. */
  extensions: string;
  log: () => string;
  stop(): Promise<void>;
}

const settings = {
  "security.workspace.trust.enabled": false,
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.welcomePage.walkthroughs.openOnInstall": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "update.mode": "none",
  "editor.minimap.enabled": false,
  "editor.codeLens": true,
  "editor.fontSize": 14,
  "files.autoSave": "off",
  "chat.commandCenter.enabled": false,
  "window.restoreWindows": "none",
  "git.enabled": false,
};

export async function startCodeServer(): Promise<CodeServer> {
  for (const [what, path] of [["code-server (client/scripts/install-code-server.sh)", entry], ["the packaged extension (client/scripts/build.sh)", vsixPath]]) {
    if (!existsSync(path)) {
      throw new Error(`Missing ${what}: ${path}`);
    }
  }
  const root = mkdtempSync(join(tmpdir(), "decklsp-e2e-"));
  const started: { child?: ChildProcess } = {};
  try {
    return await start(root, (child) => (started.child = child));
  } catch (error) {
    // Nothing outlives a failed start: not the process, not its folders.
    started.child?.kill("SIGKILL");
    rmSync(root, { recursive: true, force: true });
    throw error;
  }
}

async function start(root: string, spawned: (child: ChildProcess) => void): Promise<CodeServer> {
  const workspace = join(root, "decks");
  const userData = join(root, "user-data");
  const extensions = join(root, "extensions");
  cpSync(join(repo, "samples"), workspace, { recursive: true });
  // The folder is a deck repository (as a git clone would be): its review history goes to decks/.decklsp/history/.
  mkdirSync(join(workspace, ".decklsp"));
  mkdirSync(join(userData, "User"), { recursive: true });
  writeFileSync(join(userData, "User/settings.json"), JSON.stringify(settings, null, 2));

  // Its own config file too, so that nothing is read from or written to ~/.config/code-server.
  const config = join(root, "code-server.yaml");
  writeFileSync(config, "auth: none\ncert: false\n");
  const common = ["--config", config, "--user-data-dir", userData, "--extensions-dir", extensions];
  execFileSync(process.execPath, [entry, ...common, "--install-extension", vsixPath], { stdio: "pipe" });

  const port = await freePort();
  let output = "";
  const child: ChildProcess = spawn(
    process.execPath,
    [entry, "--auth", "none", "--bind-addr", `127.0.0.1:${port}`, "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust", ...common, workspace],
    { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: "1" } },
  );
  spawned(child);
  child.stdout?.on("data", (chunk) => (output += chunk));
  child.stderr?.on("data", (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}/`;
  await waitFor(async () => {
    if (child.exitCode !== null) {
      throw new Error(`code-server exited (${child.exitCode}):\n${output}`);
    }
    return (await fetch(`${url}healthz`).catch(() => undefined))?.ok === true;
  }, 60_000, "code-server to answer");

  return {
    url: `${url}?folder=${encodeURIComponent(workspace)}`,
    workspace,
    userData,
    extensions,
    log: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((done) => child.once("exit", done));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((done) => setTimeout(done, 5000))]);
        if (child.exitCode === null) {
          child.kill("SIGKILL");
        }
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** `decklsp stats --json` over the workspace, run with the server the extension bundles, as a user in a terminal would. */
export function stats(codeServer: CodeServer): { path: string; cards: number; new: number; due: number; reviews: number }[] {
  const extension = join(codeServer.extensions, readdirSync(codeServer.extensions).find((name) => name.startsWith("decklsp.decklsp")) ?? "missing");
  const native = join(extension, "server", "decklsp");
  const [command, args] = existsSync(native)
    ? [native, ["stats", "--json", codeServer.workspace]]
    : ["dotnet", [join(extension, "server", "DeckLsp.Server.dll"), "stats", "--json", codeServer.workspace]];
  const text = execFileSync(command, args, { encoding: "utf8" });
  return (JSON.parse(text) as { decks: { path: string; cards: number; new: number; due: number; reviews: number }[] }).decks;
}

/** The command lines (program and arguments) of the running processes started from the extensions folder. */
export function processesStartedFrom(folder: string): string[][] {
  const found: string[][] = [];
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    let commandLine: string[];
    try {
      commandLine = readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").filter((arg) => arg.length > 0);
    } catch {
      continue; // gone since the listing
    }
    if (commandLine.some((arg) => arg.startsWith(folder + "/"))) {
      found.push(commandLine);
    }
  }
  return found;
}


/** The study panel's page: the webview frame holding `#app`. */
export async function studyFrame(page: Page, timeout = 60_000): Promise<Frame> {
  let found: Frame | undefined;
  await waitFor(async () => {
    for (const frame of page.frames()) {
      if (await frame.locator("main#app").count().catch(() => 0)) {
        found = frame;
        return true;
      }
    }
    return false;
  }, timeout, "the study panel");
  return found!;
}

// The command palette, opened with F1, the title typed, its row chosen. A busy machine sometimes closes the palette as
// it opens (a focus change landing late; F1 on a palette still open closes it), so it is opened again a few times.
export async function runCommand(page: Page, title: string): Promise<void> {
  const input = page.locator(".quick-input-widget input");
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await page.keyboard.press("F1");
      await input.waitFor({ timeout: 15_000 });
      await input.fill(`>${title}`, { timeout: 10_000 });
      await page.locator(".quick-input-list .monaco-list-row", { hasText: title }).first().waitFor({ timeout: 20_000 });
      await input.press("Enter", { timeout: 10_000 });
      return;
    } catch (error) {
      lastError = error;
      await page.keyboard.press("Escape");
    }
  }
  throw lastError;
}

export async function waitFor(check: () => Promise<boolean>, timeout: number, what: string): Promise<void> {
  const end = Date.now() + timeout;
  let last: unknown;
  while (Date.now() < end) {
    try {
      if (await check()) {
        return;
      }
    } catch (error) {
      last = error;
      if (error instanceof Error && error.message.startsWith("code-server exited")) {
        throw error;
      }
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  throw new Error(`Timed out after ${timeout} ms waiting for ${what}${last ? `: ${String(last)}` : ""}`);
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => done(port));
    });
  });
}
