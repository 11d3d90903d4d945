// Starts the DeckLsp language server for *.deck.md files and registers the study commands. Everything about decks
// (parsing, diagnostics, scheduling, rendering) happens in the server; this file only wires VS Code to it.
import * as fsSync from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as vscode from "vscode";
import { LanguageClient, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";
import { execFile } from "node:child_process";
import { DueStatus } from "./dueStatus";
import { type HistoryPlace, importDeck } from "./importDeck";
import { optimizeScheduling } from "./optimize";
import { showOrphans } from "./orphans";
import {
  type CardChangedParams,
  type DueCounts,
  type OrphansResult,
  type ReviewApi,
  type ReviewMode,
  type ReviewScope,
  type StartReviewParams,
  type Statistics,
  ReviewMethods,
  type ApplyParametersResult,
  OptimizeCommands,
  type OptimizeResult,
} from "./protocol";
import { describeProblem, dotnetDownloadUrl, resolveServer, type ServerProblem, type ServerResolution } from "./server/serverCommand";
import { isDeckPath, parseStudyArguments, parseTags, studyAtCursor } from "./study/studyArguments";
import { StudyPanel } from "./study/studyPanel";
import { StatisticsPanel } from "./statistics/statisticsPanel";
import { statisticsTarget } from "./statistics/statisticsTarget";

let client: LanguageClient | undefined;
let starting: Promise<LanguageClient | undefined> | undefined;

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel("DeckLsp", { log: true });
  const status = new DueStatus(async () => (await running())?.sendRequest<DueCounts>(ReviewMethods.dueCounts, {}));
  context.subscriptions.push(output, status);

  // One start at a time; a start that failed (no dotnet, say) is tried again by the next caller, after the fix.
  const running = (): Promise<LanguageClient | undefined> => {
    starting ??= startClient(context, output, status).then((started) => {
      if (!started) {
        starting = undefined;
      }
      return started;
    });
    return starting;
  };

  const api: ReviewApi = {
    startReview: async (params) => (await required()).sendRequest(ReviewMethods.startReview, params),
    rate: async (params) => (await required()).sendRequest(ReviewMethods.rate, params),
    undo: async (params) => (await required()).sendRequest(ReviewMethods.undo, params),
    endReview: async (params) => (await required()).sendRequest(ReviewMethods.endReview, params),
  };
  const required = async (): Promise<LanguageClient> => {
    const started = await running();
    if (!started) {
      throw new Error("the DeckLsp server is not running");
    }
    return started;
  };

  const study = async (params: StartReviewParams | undefined): Promise<void> => {
    if (params && (await running())) {
      StudyPanel.open({ extensionUri: context.extensionUri, api, ratingsChanged: () => void status.refresh() }, params);
    }
  };

  const atCursor = (scope: ReviewScope, mode?: ReviewMode): StartReviewParams | undefined => {
    const editor = vscode.window.activeTextEditor;
    if (!editor || !isDeckPath(editor.document.uri.path)) {
      void vscode.window.showInformationMessage("Open a deck (a *.deck.md file) to study it.");
      return undefined;
    }
    const uri = client?.code2ProtocolConverter.asUri(editor.document.uri) ?? editor.document.uri.toString();
    return studyAtCursor(scope, uri, editor.selection.active.line, mode);
  };

  // Study or cram the cards carrying some tags: of the deck in the editor, else of the whole workspace.
  const byTag = async (mode: ReviewMode): Promise<StartReviewParams | undefined> => {
    const typed = await vscode.window.showInputBox({
      title: mode === "cram" ? "Cram cards with the tags" : "Study due cards with the tags",
      prompt: "Tags, separated by commas or spaces; a tag also picks its children (lang picks lang/python)",
      placeHolder: "exam, lang/python",
    });
    const tags = parseTags(typed ?? "");
    if (tags.length === 0) {
      return undefined;
    }
    const editor = vscode.window.activeTextEditor;
    const params: StartReviewParams = editor && isDeckPath(editor.document.uri.path)
      ? { uri: client?.code2ProtocolConverter.asUri(editor.document.uri) ?? editor.document.uri.toString(), scope: "deck" }
      : { scope: "workspace" };
    return { ...params, mode, tags };
  };

  // The statistics of what was clicked in the explorer (a deck or a folder), of the deck in the editor, or of the workspace.
  const showStatistics = async (target: ReturnType<typeof statisticsTarget>): Promise<void> => {
    if (target && (await running())) {
      StatisticsPanel.show(
        { extensionUri: context.extensionUri, fetch: async (params) => (await required()).sendRequest<Statistics>(ReviewMethods.statistics, params) },
        target.params,
        target.title,
      );
    }
  };
  const asServerUri = (uri: vscode.Uri): string => client?.code2ProtocolConverter.asUri(uri) ?? uri.toString();

  context.subscriptions.push(
    vscode.commands.registerCommand("decklsp.showStatistics", (clicked?: unknown) =>
      showStatistics(statisticsTarget(clicked instanceof vscode.Uri ? clicked : undefined, asServerUri))),
    vscode.commands.registerCommand("decklsp.showDeckStatistics", () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !isDeckPath(editor.document.uri.path)) {
        void vscode.window.showInformationMessage("Open a deck (a *.deck.md file) to see its statistics.");
        return;
      }
      return showStatistics(statisticsTarget(editor.document.uri, asServerUri));
    }),
    vscode.commands.registerCommand("decklsp.study", (...args: unknown[]) => study(parseStudyArguments(args) ?? atCursor("deck"))),
    vscode.commands.registerCommand("decklsp.studyDeck", () => study(atCursor("deck"))),
    vscode.commands.registerCommand("decklsp.studySection", () => study(atCursor("section"))),
    vscode.commands.registerCommand("decklsp.reviewCard", () => study(atCursor("card"))),
    vscode.commands.registerCommand("decklsp.studyWorkspace", () => study({ scope: "workspace" })),
    vscode.commands.registerCommand("decklsp.cramDeck", () => study(atCursor("deck", "cram"))),
    vscode.commands.registerCommand("decklsp.cramSection", () => study(atCursor("section", "cram"))),
    vscode.commands.registerCommand("decklsp.studyTag", async () => study(await byTag("due"))),
    vscode.commands.registerCommand("decklsp.cramTag", async () => study(await byTag("cram"))),
    vscode.commands.registerCommand("decklsp.undoRating", async () => {
      const panel = StudyPanel.active;
      if (panel) {
        await panel.undo();
      } else {
        void vscode.window.showInformationMessage("There is no study session to undo a rating in.");
      }
    }),
    vscode.commands.registerCommand("decklsp.showOrphans", async () => {
      const started = await running();
      if (started) {
        await showOrphans(async () => (await started.sendRequest<OrphansResult>(ReviewMethods.orphans, {})).orphans);
      }
    }),
    vscode.commands.registerCommand("decklsp.optimizeScheduling", async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor || !isDeckPath(editor.document.uri.path)) {
        void vscode.window.showInformationMessage("Open a deck (a *.deck.md file): its review history is the one fitted.");
        return;
      }
      const started = await running();
      if (!started) {
        return;
      }
      const uri = started.code2ProtocolConverter.asUri(editor.document.uri);
      await optimizeScheduling(uri, {
        optimize: (deck) => started.sendRequest<OptimizeResult>("workspace/executeCommand", { command: OptimizeCommands.optimize, arguments: [deck] }),
        apply: (deck, parameters) =>
          started.sendRequest<ApplyParametersResult>("workspace/executeCommand", { command: OptimizeCommands.applyParameters, arguments: [deck, parameters] }),
      });
    }),
    vscode.commands.registerCommand("decklsp.import", async () => {
      const resolution = serverResolution(context);
      if (!resolution.ok) {
        void reportProblem(resolution.problem);
        return;
      }
      await importDeck(resolution.server, historyPlace(), {
        pickSource: async () =>
          (await vscode.window.showOpenDialog({
            title: "Import flashcards",
            canSelectMany: false,
            filters: { "Flashcards": ["txt", "tsv", "csv", "apkg"], "All files": ["*"] },
          }))?.[0]?.fsPath,
        pickOutput: async (suggested) =>
          (await vscode.window.showSaveDialog({ title: "Save the deck as", defaultUri: vscode.Uri.file(suggested), filters: { Deck: ["deck.md"] } }))?.fsPath,
        exists: async (file) => {
          try {
            await vscode.workspace.fs.stat(vscode.Uri.file(file));
            return true;
          } catch {
            return false;
          }
        },
        choose: async (question, choices) => await vscode.window.showInformationMessage(question, { modal: true }, ...choices),
        run: (command) =>
          new Promise((resolve) => {
            execFile(command.command, command.args, { maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) =>
              resolve({ code: error ? (typeof error.code === "number" ? error.code : 1) : 0, stdout, stderr }));
          }),
        open: async (deck) => void (await vscode.window.showTextDocument(vscode.Uri.file(deck))),
        info: (message) => void vscode.window.showInformationMessage(message),
        error: (message) => void vscode.window.showErrorMessage(message),
      });
    }),
    vscode.commands.registerCommand("decklsp.restartServer", async () => {
      const previous = client;
      client = undefined;
      starting = undefined;
      await previous?.stop().catch(() => undefined);
      await running();
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      const restartFor = ["decklsp.server.path", "decklsp.dotnetPath", "decklsp.history", "decklsp.inlayHints.enabled"];
      if (client && restartFor.some((name) => event.affectsConfiguration(name))) {
        void vscode.commands.executeCommand("decklsp.restartServer");
      }
    }),
    vscode.workspace.onDidOpenTextDocument((document) => {
      if (isDeckPath(document.uri.path)) {
        void running();
      }
    }),
    { dispose: () => void client?.stop() },
  );

  // Start at once when a deck is open or the workspace holds one (so the status bar can count due cards); otherwise
  // the first deck opened starts the server.
  if (vscode.workspace.textDocuments.some((document) => isDeckPath(document.uri.path))) {
    void running();
  } else {
    void vscode.workspace.findFiles("**/*.deck.md", "**/node_modules/**", 1).then((found) => {
      if (found.length > 0) {
        void running();
      }
    });
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}

async function startClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, status: DueStatus): Promise<LanguageClient | undefined> {
  const resolution = serverResolution(context);
  if (!resolution.ok) {
    output.error(describeProblem(resolution.problem));
    void reportProblem(resolution.problem);
    return undefined;
  }

  const serverOptions: ServerOptions = { command: resolution.server.command, args: resolution.server.args };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: "markdown", pattern: "**/*.deck.md" }],
    initializationOptions: initializationOptions(context),
    outputChannel: output,
  };
  const started = new LanguageClient("decklsp", "DeckLsp", serverOptions, clientOptions);
  started.onNotification(ReviewMethods.cardChanged, (params: CardChangedParams) => StudyPanel.active?.cardChanged(params.sessionId, params.card));
  started.onNotification(ReviewMethods.countsChanged, () => {
    void status.refresh();
    void StatisticsPanel.active?.refresh();
  });
  output.info(`Starting ${resolution.server.command} ${resolution.server.args.join(" ")}`);
  try {
    await started.start();
  } catch (error) {
    output.error(`The server did not start: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  }
  client = started;
  void status.refresh();
  return started;
}

/** The `decklsp.history` setting. */
function historyPlace(): HistoryPlace {
  return vscode.workspace.getConfiguration("decklsp").get<string>("history", "repository") === "user" ? "user" : "repository";
}

/**
 * The history lives with the decks (or in the per-user database), shared with every other editor and the command line;
 * earlier versions kept it in this workspace's storage, which the server reads once to bring it over.
 */
function initializationOptions(context: vscode.ExtensionContext): Record<string, unknown> {
  const legacy = context.storageUri ? [path.join(context.storageUri.fsPath, "reviews.db")] : [];
  return {
    history: historyPlace(),
    legacyDatabasePaths: legacy,
    // This client runs decklsp.study itself, in its panel: the server must not offer to run it too (vscode-languageclient
    // would register the command a second time and fail).
    studyPanel: true,
    inlayHints: vscode.workspace.getConfiguration("decklsp").get<boolean>("inlayHints.enabled", true),
  };
}

function serverResolution(context: vscode.ExtensionContext): ServerResolution {
  const settings = vscode.workspace.getConfiguration("decklsp");
  return resolveServer(
    { serverPath: settings.get<string>("server.path", ""), dotnetPath: settings.get<string>("dotnetPath", "") },
    context.extensionPath,
    { platform: process.platform, env: process.env, homeDir: os.homedir(), isFile },
  );
}

async function reportProblem(problem: ServerProblem): Promise<void> {
  const download = "Download .NET 10";
  const settings = "Open Settings";
  const actions = problem.kind === "dotnetMissing" ? [download, settings] : [settings];
  const choice = await vscode.window.showErrorMessage(describeProblem(problem), ...actions);
  if (choice === download) {
    await vscode.env.openExternal(vscode.Uri.parse(dotnetDownloadUrl));
  } else if (choice === settings) {
    await vscode.commands.executeCommand("workbench.action.openSettings", "decklsp");
  }
}

function isFile(file: string): boolean {
  try {
    return fsSync.statSync(file).isFile();
  } catch {
    return false;
  }
}
