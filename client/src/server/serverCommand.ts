// Which process runs the language server: the settings' choice, else the native server shipped in the platform-specific
// extension, else the framework-dependent one shipped in the universal extension, run with the first `dotnet` found.
// Pure: the file system and environment come in as arguments.
import * as path from "node:path";

export interface ServerSettings {
  /** `decklsp.server.path`: a DeckLsp.Server.dll or a native executable; empty for the bundled server (native first). */
  serverPath: string;
  /** `decklsp.dotnetPath`: the dotnet executable; empty to search for it. */
  dotnetPath: string;
}

export interface HostEnvironment {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  homeDir: string;
  isFile(file: string): boolean;
}

export interface ServerCommand {
  command: string;
  args: string[];
}

export type ServerProblem =
  | { kind: "dotnetMissing"; searched: string[] }
  | { kind: "dotnetPathInvalid"; dotnetPath: string }
  | { kind: "serverMissing"; serverPath: string; fromSetting: boolean };

export type ServerResolution = { ok: true; server: ServerCommand } | { ok: false; problem: ServerProblem };

/** The framework-dependent server inside the universal extension (`dotnet publish … -o client/server`). */
export const bundledServerDll = path.join("server", "DeckLsp.Server.dll");

/** The native (AOT) server inside a platform-specific extension (`vsce package --target linux-x64`, …): no .NET needed. */
export function bundledNativeServer(platform: NodeJS.Platform): string {
  return path.join("server", platform === "win32" ? "decklsp.exe" : "decklsp");
}

export function resolveServer(settings: ServerSettings, extensionPath: string, host: HostEnvironment): ServerResolution {
  const configured = expandHome(settings.serverPath.trim(), host.homeDir);
  if (configured === "") {
    const native = path.join(extensionPath, bundledNativeServer(host.platform));
    if (host.isFile(native)) {
      return { ok: true, server: { command: native, args: ["--stdio"] } };
    }
  }
  const serverPath = configured || path.join(extensionPath, bundledServerDll);
  if (!host.isFile(serverPath)) {
    return { ok: false, problem: { kind: "serverMissing", serverPath, fromSetting: configured !== "" } };
  }
  if (!serverPath.toLowerCase().endsWith(".dll")) {
    return { ok: true, server: { command: serverPath, args: ["--stdio"] } };
  }

  const dotnetSetting = expandHome(settings.dotnetPath.trim(), host.homeDir);
  if (dotnetSetting) {
    return host.isFile(dotnetSetting)
      ? { ok: true, server: { command: dotnetSetting, args: [serverPath, "--stdio"] } }
      : { ok: false, problem: { kind: "dotnetPathInvalid", dotnetPath: dotnetSetting } };
  }
  const candidates = dotnetCandidates(host);
  const dotnet = candidates.find((candidate) => host.isFile(candidate));
  return dotnet
    ? { ok: true, server: { command: dotnet, args: [serverPath, "--stdio"] } }
    : { ok: false, problem: { kind: "dotnetMissing", searched: candidates } };
}

/** Where dotnet is looked for, in order: PATH, DOTNET_ROOT, then the installers' default folders. */
export function dotnetCandidates(host: HostEnvironment): string[] {
  const windows = host.platform === "win32";
  const p = windows ? path.win32 : path.posix;
  const exe = windows ? "dotnet.exe" : "dotnet";
  const pathVariable = host.env.PATH ?? host.env.Path ?? "";
  const folders = pathVariable.split(windows ? ";" : ":").filter((folder) => folder.length > 0);
  const root = host.env.DOTNET_ROOT;
  if (root) {
    folders.push(root);
  }
  if (windows) {
    folders.push(p.join(host.env.ProgramFiles ?? "C:\\Program Files", "dotnet"));
  } else {
    folders.push(p.join(host.homeDir, ".dotnet"), "/usr/local/share/dotnet", "/usr/share/dotnet", "/usr/lib/dotnet");
  }
  return [...new Set(folders.map((folder) => p.join(folder, exe)))];
}

export const dotnetDownloadUrl = "https://dotnet.microsoft.com/download/dotnet/10.0";

/** The message shown when the server cannot start, saying what to do about it. */
export function describeProblem(problem: ServerProblem): string {
  switch (problem.kind) {
    case "dotnetMissing":
      return (
        "DeckLsp needs the .NET 10 runtime to run its language server, and `dotnet` was not found " +
        "(looked on PATH, in DOTNET_ROOT and in the default install folders). " +
        `Install .NET 10 from ${dotnetDownloadUrl}, or set "decklsp.dotnetPath" to your dotnet executable, ` +
        'then run "Decks: Restart Language Server".'
      );
    case "dotnetPathInvalid":
      return (
        `"decklsp.dotnetPath" is set to ${problem.dotnetPath}, which is not a file. ` +
        "Point it at the dotnet executable of a .NET 10 install, or clear it to search PATH."
      );
    case "serverMissing":
      return problem.fromSetting
        ? `"decklsp.server.path" is set to ${problem.serverPath}, which is not a file. ` +
            "Point it at DeckLsp.Server.dll (or the server executable), or clear it to use the bundled server."
        : `The DeckLsp server is missing from the extension (${problem.serverPath}). ` +
            'Reinstall the extension, or set "decklsp.server.path" to a DeckLsp.Server.dll.';
  }
}

function expandHome(value: string, homeDir: string): string {
  if (value === "~") {
    return homeDir;
  }
  return value.startsWith("~/") || value.startsWith("~\\") ? path.join(homeDir, value.slice(2)) : value;
}
